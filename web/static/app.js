// Citation markers and release links open in an in-page dialog; copy and export run in the browser.
(function () {
  "use strict";
  function dialog() {
    var d = document.getElementById("bxl-dialog");
    if (d) return d;
    d = document.createElement("dialog");
    d.id = "bxl-dialog";
    d.setAttribute("aria-label", "Source");
    d.innerHTML = '<form method="dialog" class="bxl-dialog-bar"><button class="bxl-close" aria-label="Close">Close ✕</button></form><div class="bxl-dialog-body"></div>';
    d.addEventListener("click", function (ev) { if (ev.target === d) d.close(); });
    document.body.appendChild(d);
    return d;
  }
  async function open(href) {
    var url = new URL(href, window.location.href);
    url.searchParams.set("fragment", "1");
    var d = dialog(), body = d.querySelector(".bxl-dialog-body");
    body.textContent = "Loading…";
    if (!d.open) d.showModal();
    try {
      var r = await fetch(url.toString(), { credentials: "same-origin" });
      // The server escapes every release text it puts in these fragments (web/render.py).
      if (r.ok) body.innerHTML = await r.text(); else body.textContent = "This source could not be opened (" + r.status + ").";
    } catch (e) { body.textContent = "This source could not be opened."; }
    var mark = body.querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center" });
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a[href]") : null;
    if (!a) return;
    var href = a.getAttribute("href") || "";
    if (href.indexOf("/view/source/") === -1 && href.indexOf("/view/release/") === -1) return;
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey) return;  // let people open a new tab on purpose
    ev.preventDefault();
    ev.stopPropagation();
    open(href);
  }, true);
  window.bxlCopy = async function (text) {
    try { await navigator.clipboard.writeText(text); }
    catch (e) {  // plain http on another host: no Clipboard API
      var t = document.createElement("textarea"); t.value = text; document.body.appendChild(t);
      t.select(); document.execCommand("copy"); t.remove();
    }
  };
  window.bxlDownload = function (text, name) {
    var blob = new Blob([text], { type: "text/markdown;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob); a.download = name || "conversation.md";
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 5000);
  };
})();
