"""Demo content of the community app, in English and Ukrainian: the directory."""

from community import demo_directory


def seed(tree):
    demo_directory.seed(tree)
