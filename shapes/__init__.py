"""mcconform's SHACL shapes (data only), installed as the package ``mcconform.shapes``.

``mcconform.bundled_shapes`` reads them; ``manifest.json`` pins each file by sha256.
"""
