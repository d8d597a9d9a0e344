"""``python -m productive_forces.i18n``: refresh the package's catalogues and list what needs translating."""

import sys

from .catalogues import update


def main():
    missing = update()
    for domain, messages in missing.items():
        print(f"{domain}: {len(messages)} message(s) to translate")
        for message in messages:
            print("   ", message.replace("\n", " ")[:100])
    return 0


if __name__ == "__main__":
    sys.exit(main())
