"""The offline cl100k encoding: counts, round trips and token start offsets."""
from ingest.tokens import count_tokens, decode, encode, token_starts


def test_round_trip_and_count():
    text = "La Région de Bruxelles-Capitale a signé 3 accords — 25,9 % de plus."
    tokens = encode(text)
    assert decode(tokens) == text
    assert count_tokens(text) == len(tokens) > 5


def test_special_token_text_is_counted_not_refused():
    assert count_tokens("<|endoftext|>") > 1


def test_token_starts_are_character_offsets():
    text = "Brüssel 日本 🇧🇪 ok"
    starts = token_starts(text)
    assert len(starts) == count_tokens(text)
    assert starts[0] == 0 and starts == sorted(starts)
    assert all(0 <= s < len(text) for s in starts)
    assert text[starts[-1]:] == " ok"
    assert token_starts("") == []
