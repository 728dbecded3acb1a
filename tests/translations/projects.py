"""A project of three languages for the command's tests: its mkdocs.yml, nothing else."""

import textwrap

CONFIG = textwrap.dedent(
    """\
    site_name: T
    site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
    plugins:
      - search
      - i18n:
          docs_structure: folder
          languages:
            - locale: en
              default: true
              name: English
            - locale: pt
              name: Português
            - locale: ru
              name: Русский
    """
)
