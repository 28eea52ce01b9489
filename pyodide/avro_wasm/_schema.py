"""Schemas: parsing (in the core), canonical form, fingerprints, named types.

A schema is compiled once into a core program (an AvroType handle) and
cached by its JSON text, so fastavro-style code that passes the same dict on
every call does not recompile. Everything Avro (names, namespaces,
validation, canonical form, fingerprints) is decided by the core; Python only
moves JSON around, e.g. to put a named type from another file or an earlier
``parse_schema`` call where the core reported it unknown.
"""

import collections
import copy
import hashlib
import json
import os
import pickle
import re
import weakref

from . import _loader
from ._errors import SchemaParseException, UnknownType
from ._values import unpickle_output

PRIMITIVES = frozenset(("null", "boolean", "int", "long", "float", "double", "bytes", "string"))
NAMED_KINDS = frozenset(("record", "error", "enum", "fixed"))
_CACHE_SIZE = 256
_FASTAVRO_KEYS = ("__fastavro_parsed", "__named_schemas")
_PATH_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_MAX_INJECTIONS = 10000


def _delete_handles(handles):
    for handle in handles.values():
        try:
            handle.delete()
        except Exception:  # noqa: BLE001 - the module may already be gone at exit
            pass


class CompiledType:
    """One schema in the core: the AvroType handle and what Python derives from it."""

    def __init__(self, handle, runtime, logical=True):
        self.handle = handle
        self.runtime = runtime
        self.logical = logical
        self._raw = None
        self.schema_text = handle.schemaJson()
        # The program as the JS materializers see it (wasm/describe.cpp).
        self.desc = json.loads(handle.describe())
        self.desc["logicalTypes"] = logical
        self._converters = {}
        self._resolvers = {}
        self._writers = {}
        self._defaults = None
        self._canonical = None
        # Everything the core allocated for this type goes when it does.
        self._handles = {"type": handle}
        weakref.finalize(self, _delete_handles, self._handles)

    def raw(self):
        """The same schema with logical types off: values come back as their underlying Avro types."""
        if not self.logical:
            return self
        if self._raw is None:
            handle = self.runtime.mod.AvroType.create(self.schema_text, '{"logicalTypes":false}')
            if not handle.ok():  # pragma: no cover - the text parsed once already
                error = self.runtime.error(handle, "schema")
                handle.delete()
                raise error
            self._raw = CompiledType(handle, self.runtime, logical=False)
        return self._raw

    # A program is immutable and owns wasm memory: copies share it.
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def root(self):
        return self.desc["nodes"][self.desc["root"]]

    def schema(self):
        """The schema as JSON data, normalized by the core (full names for references)."""
        return json.loads(self.schema_text)

    def canonical_form(self):
        if self._canonical is None:
            self._canonical = self.handle.canonicalForm()
        return self._canonical

    def converter(self, options=(False, False, False, False)):
        """The PyConverter for fastavro's union options (record_name, ..._override, named_type, ..._override)."""
        converter = self._converters.get(options)
        if converter is None:
            keys = ("recordName", "recordNameOverride", "namedType", "namedTypeOverride")
            text = json.dumps(dict(zip(keys, options)))
            converter = self.runtime.mod.PyConverter.create(self.handle, text)
            self._converters[options] = converter
            self._handles[("converter", options)] = converter
        return converter

    def resolver(self, writer):
        """The core's resolution of `writer` data to this (reader) type, compiled once per pair."""
        resolver = self._resolvers.get(writer.schema_text)
        if resolver is None:
            resolver = self.runtime.mod.ResolverHandle.create(self.handle, writer.handle)
            if not resolver.ok():
                error = self.runtime.error(resolver, "resolve")
                resolver.delete()
                raise error
            self._resolvers[writer.schema_text] = resolver
            self._handles[("resolver", writer.schema_text)] = resolver
        return resolver

    def defaults(self):
        """{(record node, field index): default value} (values decoded by the core)."""
        if self._defaults is None:
            converter = self.converter()
            if converter.defaults(self.handle) != 0:
                raise self.runtime.error(converter, "schema")
            self._defaults = {
                (node, field): pickle.loads(value)
                for node, field, value in unpickle_output(self.runtime, converter)
            }
        return self._defaults

    def acquire_writer(self, strict=False, strict_allow_default=False, disable_tuple_notation=False):
        """A tape writer for this type that nobody else is using (pooled per option set)."""
        options = (bool(strict), bool(strict_allow_default), bool(disable_tuple_notation))
        idle = self._writers.get(options)
        if idle:
            return idle.pop()
        from ._tape import TapeWriter

        writer = TapeWriter(self, *options)
        writer.options = options
        return writer

    def release_writer(self, writer):
        writer.reset()
        self._writers.setdefault(writer.options, []).append(writer)


class _Parsed:
    """Copies keep the compiled program (it is immutable); pickles are plain JSON data."""

    __slots__ = ()

    def __copy__(self):
        out = type(self)(self)
        out._avro_wasm_type = self._avro_wasm_type
        return out

    def __deepcopy__(self, memo):
        out = type(self)(copy.deepcopy(self._plain(), memo))
        out._avro_wasm_type = self._avro_wasm_type
        return out

    def __reduce__(self):
        return (type(self._plain()), (self._plain(),))


class ParsedSchema(_Parsed, dict):
    """A schema dict returned by parse_schema; remembers its compiled program."""

    __slots__ = ("_avro_wasm_type", "__weakref__")

    def _plain(self):
        return dict(self)


class ParsedUnion(_Parsed, list):
    """A union schema returned by parse_schema; remembers its compiled program."""

    __slots__ = ("_avro_wasm_type", "__weakref__")

    def _plain(self):
        return list(self)


_cache = collections.OrderedDict()


def _cached(text):
    compiled = _cache.get(text)
    if compiled is not None:
        _cache.move_to_end(text)
    return compiled


def _remember(text, compiled):
    _cache[text] = compiled
    _cache[compiled.schema_text] = compiled
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


def _try_compile(text):
    """A CompiledType for schema JSON text, or the exception the core reports."""
    compiled = _cached(text)
    if compiled is not None:
        return compiled
    runtime = _loader.runtime()
    handle = runtime.mod.AvroType.create(text, "{}")
    if not handle.ok():
        error = runtime.error(handle, "schema")
        handle.delete()
        return error
    compiled = CompiledType(handle, runtime)
    _remember(text, compiled)
    return compiled


def _dumps(doc):
    try:
        return json.dumps(doc, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise SchemaParseException(f"the schema is not JSON data: {error}", "SCHEMA_PARSE") from None


# Deeper JSON than the core accepts (json::ParseOptions::max_depth) is
# refused before Python's json module sees it: its C recursion can overflow
# Pyodide's stack, which is fatal to the whole interpreter.
_MAX_JSON_DEPTH = 512


def _check_json_depth(text):
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > _MAX_JSON_DEPTH:
                raise SchemaParseException(
                    f"the schema JSON is nested deeper than {_MAX_JSON_DEPTH} levels", "LIMIT_EXCEEDED"
                )
        elif ch in "]}":
            depth -= 1


def _as_document(schema):
    """The schema as a private JSON value: dict/list copied, str taken as JSON text or a type name."""
    if isinstance(schema, str):
        stripped = schema.strip()
        if stripped[:1] in ("{", "[", '"'):
            _check_json_depth(stripped)
            try:
                return json.loads(stripped)
            except ValueError as error:
                raise SchemaParseException(f"the schema is not valid JSON: {error}", "JSON_SYNTAX") from None
        return schema
    if isinstance(schema, dict):
        doc = json.loads(_dumps(schema))
        for key in _FASTAVRO_KEYS:
            doc.pop(key, None)
        return doc
    if isinstance(schema, (list, tuple)):
        return json.loads(_dumps(list(schema)))
    raise SchemaParseException(f"a schema is a dict, a list or a str, not {type(schema).__name__}", "SCHEMA_PARSE")


def compile_schema(schema, named_schemas=None, lookup=None):
    """The CompiledType of any schema form (parsed, dict, list, JSON text, type name)."""
    compiled = getattr(schema, "_avro_wasm_type", None)
    if compiled is not None and named_schemas is None and lookup is None:
        return compiled
    if isinstance(schema, CompiledType):
        return schema
    if named_schemas is None and lookup is None:
        # Fast path for fastavro code that passes the same dict every call.
        if isinstance(schema, dict) and not any(k in schema for k in _FASTAVRO_KEYS):
            text = _dumps(schema)
            result = _try_compile(text)
            if isinstance(result, CompiledType):
                return result
            if not isinstance(result, UnknownType):
                raise result
            # Fall through: the slow path reports the type's full name.
    doc = _as_document(schema)
    if lookup is None and named_schemas:
        lookup = named_schemas.get
    compiled = _compile_document(doc, lookup)
    if named_schemas is not None:
        named_schemas.update(named_definitions(compiled.schema()))
    return compiled


def _compile_document(doc, lookup):
    for _ in range(_MAX_INJECTIONS):
        result = _try_compile(_dumps(doc))
        if isinstance(result, CompiledType):
            return result
        if not isinstance(result, UnknownType):
            raise result
        parent, key, space = _locate(doc, result.path)
        written = result.name
        full = written if "." in written or not space else f"{space}.{written}"
        definition = lookup(full) if lookup else None
        if definition is None and full != written and lookup:
            definition = lookup(written)
            full = written if definition is not None else full
        if definition is None:
            raise UnknownType(full, f"unknown type {json.dumps(full)}", result.code, result.path, result.offset)
        injected = _standalone(definition, full)
        if parent is None:
            doc = injected
        else:
            parent[key] = injected
    raise SchemaParseException("too many named types to resolve", "SCHEMA_PARSE")


def _is_named(kind):
    return isinstance(kind, str) and kind in NAMED_KINDS


def _namespace_of(node, space):
    """The namespace a named definition sets for what it contains, else `space`."""
    if isinstance(node, dict) and _is_named(node.get("type")) and isinstance(node.get("name"), str):
        name = node["name"]
        if "." in name:
            return name.rsplit(".", 1)[0]
        if isinstance(node.get("namespace"), str):
            return node["namespace"]
    return space


def _locate(doc, path):
    """(parent, key, enclosing namespace) of the JSON node a core schema path names."""
    node, parent, key, space = doc, None, None, ""
    for match in _PATH_SEGMENT.finditer(path):
        space = _namespace_of(node, space)
        parent, key = node, (match.group(1) if match.group(1) is not None else int(match.group(2)))
        node = node[key]
    return parent, key, space


def _split(fullname):
    if "." in fullname:
        space, name = fullname.rsplit(".", 1)
        return space, name
    return "", fullname


def _standalone(definition, fullname):
    """A named definition that means the same wherever it is pasted."""
    if isinstance(definition, CompiledType) or hasattr(definition, "_avro_wasm_type"):
        definition = json.loads(compile_schema(definition).schema_text)
    if isinstance(definition, str):
        definition = json.loads(definition) if definition.strip()[:1] == "{" else definition
    if not isinstance(definition, dict):
        return definition
    out = copy.deepcopy({k: v for k, v in definition.items() if k not in _FASTAVRO_KEYS})
    space, name = _split(fullname)
    out["name"] = name
    out["namespace"] = space
    return out


def named_definitions(doc):
    """{full name: standalone definition} of every named type a (core-normalized) schema defines."""
    found = {}

    def visit(node, space):
        if isinstance(node, list):
            for item in node:
                visit(item, space)
        elif isinstance(node, dict):
            inner = _namespace_of(node, space)
            kind = node.get("type")
            if _is_named(kind) and isinstance(node.get("name"), str):
                name = node["name"]
                full = name if "." in name else (f"{inner}.{name}" if inner else name)
                found[full] = _standalone(node, full)
            if kind in ("record", "error"):
                for field in node.get("fields", []):
                    if isinstance(field, dict):
                        visit(field.get("type"), inner)
            elif kind == "array":
                visit(node.get("items"), inner)
            elif kind == "map":
                visit(node.get("values"), inner)
            elif isinstance(kind, (dict, list)):
                visit(kind, inner)

    visit(doc, "")
    return found


def _parsed(compiled, named_schemas=None):
    doc = compiled.schema()
    if isinstance(doc, dict):
        parsed = ParsedSchema(doc)
        parsed["__fastavro_parsed"] = True
        parsed["__named_schemas"] = named_definitions(doc) if named_schemas is None else named_schemas
    elif isinstance(doc, list):
        parsed = ParsedUnion(doc)
    else:
        return doc
    parsed._avro_wasm_type = compiled
    return parsed


def parse_schema(
    schema, named_schemas=None, *, expand=False, _write_hint=True, _force=False, _ignore_default_error=False
):
    """Parses (and validates) a schema; fastavro's parse_schema.

    `named_schemas` (a dict) supplies named types defined by earlier calls and
    receives the ones this schema defines. With `expand=True` the result has
    every named type written out where it is used (see expand_schema).
    """
    compiled = compile_schema(schema, named_schemas=named_schemas)
    if expand:
        return expand_schema(compiled)
    return _parsed(compiled, named_schemas)


def load_schema(schema_path, *, repo=None, named_schemas=None, _write_hint=True, _injected_schemas=None):
    """Loads a schema file; named types it does not define come from sibling files.

    A reference to ``ns.Name`` is looked up in `named_schemas`, then in
    ``ns.Name.avsc`` (then ``Name.avsc``) next to the file, as fastavro does.
    """
    if repo is not None:
        raise NotImplementedError("load_schema(repo=...) is not supported; pass named_schemas instead")
    named = {} if named_schemas is None else named_schemas
    directory = os.path.dirname(os.path.abspath(schema_path))
    with open(schema_path, "r", encoding="utf-8") as f:
        doc = _as_document(f.read())

    def lookup(fullname):
        if fullname in named:
            return named[fullname]
        for candidate in (fullname, _split(fullname)[1]):
            path = os.path.join(directory, f"{candidate}.avsc")
            if os.path.isfile(path):
                loaded = load_schema(path, named_schemas=named)
                compiled = compile_schema(loaded)
                named.update(named_definitions(compiled.schema()))
                if fullname in named:
                    return named[fullname]
        return None

    compiled = _compile_document(doc, lookup)
    named.update(named_definitions(compiled.schema()))
    return _parsed(compiled, named)


def load_schema_ordered(ordered_schemas, *, _write_hint=True):
    """Parses schema files in order; each may use the named types of the ones before it."""
    named = {}
    parsed = None
    for path in ordered_schemas:
        with open(path, "r", encoding="utf-8") as f:
            parsed = parse_schema(json.loads(f.read()), named_schemas=named)
    return parsed


def to_parsing_canonical_form(schema):
    """The Parsing Canonical Form (spec "Parsing Canonical Form for Schemas"), from the core."""
    return compile_schema(schema).canonical_form()


FINGERPRINT_ALGORITHMS = frozenset(hashlib.algorithms_guaranteed) | {"CRC-64-AVRO"}


def fingerprint(parsing_canonical_form, algorithm):
    """Hex fingerprint of a canonical form text: "CRC-64-AVRO" (little-endian bytes, as
    Java and fastavro print it), "md5", "sha256" or any other hashlib algorithm."""
    if algorithm not in FINGERPRINT_ALGORITHMS:
        raise ValueError(f"Unknown schema fingerprint algorithm {algorithm}")
    if algorithm in ("CRC-64-AVRO", "md5", "sha256"):
        return _loader.runtime().mod.pyFingerprint(parsing_canonical_form, algorithm)
    return hashlib.new(algorithm, parsing_canonical_form.encode("utf-8")).hexdigest()


def fullname(schema):
    """The full name of a named schema (dict), as fastavro's schema.fullname."""
    name = schema["name"]
    if "." in name or not schema.get("namespace"):
        return name
    return f"{schema['namespace']}.{name}"


def expand_schema(schema):
    """The schema with every named type written out in full where it is used.

    Recursive references stay names (they cannot be expanded).
    """
    doc = compile_schema(schema).schema()
    definitions = named_definitions(doc)

    def expand(node, space, stack):
        if isinstance(node, str):
            if node in PRIMITIVES or node not in definitions or node in stack:
                return node
            full = node
            definition = copy.deepcopy(definitions[full])
            return expand(definition, _split(full)[0], stack | {full})
        if isinstance(node, list):
            return [expand(item, space, stack) for item in node]
        if not isinstance(node, dict):
            return node
        out = dict(node)
        inner = _namespace_of(node, space)
        kind = node.get("type")
        if _is_named(kind) and isinstance(node.get("name"), str):
            name = node["name"]
            full = name if "." in name else (f"{inner}.{name}" if inner else name)
            stack = stack | {full}
            out["name"] = name if "." in name else name
            out["namespace"] = inner
        if kind in ("record", "error"):
            out["fields"] = [dict(f, type=expand(f.get("type"), inner, stack)) for f in node.get("fields", [])]
        elif kind == "array":
            out["items"] = expand(node.get("items"), inner, stack)
        elif kind == "map":
            out["values"] = expand(node.get("values"), inner, stack)
        elif isinstance(kind, (dict, list)):
            out["type"] = expand(kind, inner, stack)
        return out

    return expand(doc, "", frozenset())
