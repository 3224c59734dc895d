// Citation markers and release links open in an in-page dialog; copy and export run in the browser.
// Only this app's own /view/ pages open in the dialog, and what they return is rebuilt from an allow-list of
// elements and attributes: text from a release can never become markup or script here.
(function () {
  "use strict";
  var VIEW_PATH = /^\/view\/(source|release)\/[^\/]+$/;
  var ELEMENTS = { ARTICLE: 1, H2: 1, DL: 1, DT: 1, DD: 1, BLOCKQUOTE: 1, MARK: 1, P: 1, A: 1, SPAN: 1, DIV: 1 };
  var ATTRIBUTES = { "class": 1, "id": 1, "data-release-id": 1 };

  // The URL when href is a view page of this origin (parsed, so "/x?a=/view/source/" or another host never is).
  function viewUrl(href) {
    var url;
    try { url = new URL(href, window.location.href); } catch (e) { return null; }
    if (url.origin !== window.location.origin || !VIEW_PATH.test(url.pathname)) return null;
    return url;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function dialog() {
    var d = document.getElementById("bxl-dialog");
    if (d) return d;
    d = element("dialog");
    d.id = "bxl-dialog";
    d.setAttribute("aria-label", "Source");
    var bar = element("form", "bxl-dialog-bar");
    bar.method = "dialog";
    var close = element("button", "bxl-close", "Close ✕");
    close.setAttribute("aria-label", "Close");
    bar.appendChild(close);
    d.appendChild(bar);
    d.appendChild(element("div", "bxl-dialog-body"));
    d.addEventListener("click", function (ev) { if (ev.target === d) d.close(); });
    document.body.appendChild(d);
    return d;
  }

  // Copies the allowed elements and attributes of a parsed (inert) fragment; everything else becomes its text.
  function rebuild(source, target) {
    var stack = [[source, target]];
    while (stack.length) {
      var pair = stack.pop(), from = pair[0], to = pair[1];
      for (var child = from.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) { to.appendChild(document.createTextNode(child.data)); continue; }
        if (child.nodeType !== Node.ELEMENT_NODE) continue;
        if (!ELEMENTS[child.tagName]) { to.appendChild(document.createTextNode(child.textContent)); continue; }
        var copy = document.createElement(child.tagName.toLowerCase());
        for (var i = 0; i < child.attributes.length; i++) {
          var attr = child.attributes[i];
          if (ATTRIBUTES[attr.name]) copy.setAttribute(attr.name, attr.value);
        }
        if (child.tagName === "A") {
          var url = viewUrl(child.getAttribute("href") || "");
          if (url) copy.setAttribute("href", url.pathname + url.search + url.hash);
        }
        to.appendChild(copy);
        stack.push([child, copy]);
      }
    }
  }

  async function open(url) {
    url.searchParams.set("fragment", "1");
    var d = dialog(), body = d.querySelector(".bxl-dialog-body");
    body.textContent = "Loading…";
    if (!d.open) d.showModal();
    try {
      var r = await fetch(url.toString(), { credentials: "same-origin", redirect: "error" });
      var type = r.headers.get("content-type") || "";
      if (!r.ok || type.indexOf("text/html") !== 0) {
        body.textContent = "This source could not be opened (" + r.status + ").";
        return;
      }
      var parsed = new DOMParser().parseFromString(await r.text(), "text/html");  // inert: nothing runs or loads
      body.textContent = "";
      rebuild(parsed.body, body);
    } catch (e) { body.textContent = "This source could not be opened."; }
    var mark = body.querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  function copyText(text) {
    function fallback() {  // plain http on another host: no Clipboard API
      var t = document.createElement("textarea");
      t.value = text; document.body.appendChild(t); t.select(); document.execCommand("copy"); t.remove();
    }
    if (!navigator.clipboard) return fallback();
    navigator.clipboard.writeText(text).catch(fallback);
  }

  function download(text, name) {
    var blob = new Blob([text], { type: "text/markdown;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob); a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 5000);
  }

  // The copy and export texts live in hidden text boxes that each answer updates.
  function hidden(id) {
    var box = document.querySelector("#" + id + " textarea, #" + id + " input");
    return box ? box.value : "";
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target && ev.target.closest ? ev.target : null;
    if (!target) return;
    if (target.closest("#bxl-copy")) { var text = hidden("bxl-copy-text"); if (text) copyText(text); return; }
    if (target.closest("#bxl-export")) {
      var all = hidden("bxl-export-text");
      var stamp = new Date().toISOString().slice(0, 16).replace("T", "-").replace(":", "");
      if (all) download(all, "conversation-" + stamp + ".md");
      return;
    }
    var a = target.closest("a[href]");
    if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;  // let people open a new tab on purpose
    var url = viewUrl(a.getAttribute("href") || "");
    if (!url) return;
    ev.preventDefault();
    ev.stopPropagation();
    open(url);
  }, true);
})();
