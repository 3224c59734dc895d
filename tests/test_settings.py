"""Settings: defaults, environment variables, and clear errors for values that cannot work."""
from pathlib import Path

import pytest

from ingest.errors import SettingsError
from ingest.settings import Settings


def test_defaults_work_without_environment():
    settings = Settings.from_env({})
    assert settings.store_dir == Path(".bxlbot/store")
    assert settings.embedding_model == "bundled"
    assert settings.host == "127.0.0.1"


def test_environment_then_overrides():
    settings = Settings.from_env({"BXLBOT_CHUNK_TOKENS": "200", "BXLBOT_PORT": "9000"}, port=9100)
    assert settings.chunk_tokens == 200 and settings.port == 9100
    assert isinstance(Settings.from_env({"BXLBOT_STORE_DIR": "/tmp/x"}).store_dir, Path)


@pytest.mark.parametrize(
    "env, needle",
    [
        ({"BXLBOT_CHUNK_OVERLAP": "500"}, "BXLBOT_CHUNK_OVERLAP"),
        ({"BXLBOT_CHUNK_TOKENS": "abc"}, "BXLBOT_CHUNK_TOKENS"),
        ({"BXLBOT_TOP_K": "0"}, "BXLBOT_TOP_K"),
    ],
)
def test_bad_values_name_the_variable(env, needle):
    with pytest.raises(SettingsError, match=needle):
        Settings.from_env(env)


@pytest.mark.parametrize("env, needle", [
    ({"BXLBOT_CHROMA_URL": "chroma:8000"}, "BXLBOT_CHROMA_URL"),
    ({"BXLBOT_EMBEDDING_BACKEND": "tensorflow"}, "BXLBOT_EMBEDDING_BACKEND"),
    ({"BXLBOT_SYNC_SECONDS": "-1"}, "BXLBOT_SYNC_SECONDS"),
])
def test_server_and_backend_settings_are_checked(env, needle):
    with pytest.raises(SettingsError, match=needle):
        Settings.from_env(env)
    assert Settings.from_env({"BXLBOT_CHROMA_URL": "http://10.0.0.5:8000"}).chroma_url == "http://10.0.0.5:8000"
