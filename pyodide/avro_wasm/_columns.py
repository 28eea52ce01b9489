"""Columnar reading for analysis: one column per record field.

The core decodes each block; the wasm-side converter packs plain numeric
fields (int, long, float, double) as raw little-endian arrays, which become
``array.array`` columns here without touching single values in Python, and
pickles the other fields as lists. NumPy, pandas and pyarrow are optional:
Columns converts to them when they are importable.
"""

import json
from array import array

from ._read import Container


class Columns(dict):
    """{field name: column}: ``array.array`` for int/long/float/double fields, lists otherwise."""

    def __init__(self, columns, schema):
        super().__init__(columns)
        self.schema = schema

    @property
    def num_rows(self):
        return len(next(iter(self.values()))) if self else 0

    def to_numpy(self):
        """{name: numpy.ndarray}: numeric columns without a copy, others as object arrays."""
        numpy = _require("numpy", "to_numpy")
        out = {}
        for name, column in self.items():
            if isinstance(column, array):
                out[name] = numpy.frombuffer(column, dtype=numpy.dtype(column.typecode).newbyteorder("<"))
            else:
                values = numpy.empty(len(column), dtype=object)
                values[:] = column
                out[name] = values
        return out

    def to_pandas(self):
        """A pandas.DataFrame with one column per field."""
        pandas = _require("pandas", "to_pandas")
        try:
            data = self.to_numpy()
        except ImportError:
            data = {name: list(column) for name, column in self.items()}
        return pandas.DataFrame(data, columns=list(self))

    def to_arrow(self):
        """A pyarrow.Table with one column per field."""
        pyarrow = _require("pyarrow", "to_arrow")
        arrays = []
        for column in self.values():
            if isinstance(column, array):
                try:
                    import numpy

                    arrays.append(pyarrow.array(numpy.frombuffer(column, dtype=numpy.dtype(column.typecode))))
                    continue
                except ImportError:
                    pass
                arrays.append(pyarrow.array(column.tolist()))
            else:
                arrays.append(pyarrow.array(column))
        return pyarrow.table(arrays, names=list(self))


def _require(module, method):
    try:
        return __import__(module)
    except ImportError:
        hint = f"in Pyodide: await pyodide.loadPackage('{module}')"
        raise ImportError(f"Columns.{method}() needs {module}; {hint}") from None


def read_columns(fo, fields=None, reader_schema=None, logical_types=True, **limits):
    """Reads a container file of records into columns.

    `fields` selects and orders the columns (default: every field of the
    record). With `reader_schema` the records are first resolved to it.
    """
    container = Container(fo, reader_schema, limits=limits, logical_types=logical_types)
    target = container.target
    root = target.root
    if root["op"] != "record":
        raise ValueError("read_columns needs a file of records")
    names = [field["name"] for field in root["fields"]]
    wanted = list(names) if fields is None else list(fields)
    missing = [name for name in wanted if name not in names]
    if missing:
        raise KeyError(f"no such field(s) in the schema: {missing}")
    selection = json.dumps([names.index(name) for name in wanted])
    columns = {}
    # A conversion of zero rows states each column's kind, even for a file without blocks.
    runtime = container.runtime
    if container.converter.columns(target.handle, 0, selection) != 0:
        raise runtime.error(container.converter, "decode")
    from ._values import unpickle_output

    for name, column in unpickle_output(runtime, container.converter).items():
        columns[name] = array(column[0]) if isinstance(column, tuple) else []
    for _, block in container.blocks(columns=selection):
        for name, column in block.items():
            if isinstance(column, tuple):
                columns[name].frombytes(column[1])
            else:
                columns[name].extend(column)
    return Columns({name: columns[name] for name in wanted}, container.target.schema())
