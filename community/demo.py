"""Demo content of the community app, in English and Ukrainian: the directory, then events."""

from community import demo_directory, demo_events


def seed(tree):
    demo_directory.seed(tree)
    demo_events.seed(tree)
