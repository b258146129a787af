"""A developer's machine: debug on, emails printed, a fixed local secret."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-4b2f0c1e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c")

from .base import *  # noqa: E402,F403

INTERNAL_IPS = ["127.0.0.1"]
STORAGES["staticfiles"] = {  # noqa: F405 - no manifest needed while files change under runserver
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
