// Schema compatibility over the core checker: Java's SchemaCompatibility
// verdicts and Confluent Schema Registry's compatibility modes. Schemas
// cross the boundary as JSON text; the whole report comes back as one JSON
// string.
import { AvroError, SchemaError, errorFromCore } from './errors.js';
import { normalizeSchemaText } from './bytes.js';

export function createCompatibilityApi(mod, { Type, codeNames }) {
  const schemaText = (schema, role) => {
    if (schema instanceof Type) return JSON.stringify(schema.schema());
    if (typeof schema === 'string') return normalizeSchemaText(schema);
    if (schema !== null && typeof schema === 'object') return JSON.stringify(schema);
    throw new SchemaError(`${role} schema must be a Type, a JSON string, an object or an array`, {
      code: 'SCHEMA_PARSE',
    });
  };

  const incompatibilities = (json) => {
    const result = JSON.parse(json);
    if (!result.error) return result.incompatibilities;
    // A bad argument (mode, list) is not a schema problem; everything else is.
    if (codeNames[result.error.code] === 'INVALID_VALUE') {
      throw new AvroError(result.error.message, { code: 'INVALID_VALUE' });
    }
    throw errorFromCore(result.error, codeNames, 'schema');
  };

  /**
   * Whether data written with `writer` can be read with `reader`, decided as
   * Java's SchemaCompatibility does.
   * @returns {{ kind: string, path: string, message: string }[]} every
   *   incompatibility (empty when compatible)
   */
  function checkCompatibility(reader, writer) {
    return incompatibilities(mod.checkCompatibility(schemaText(reader, 'reader'), schemaText(writer, 'writer')));
  }

  /**
   * Whether `schema` may follow `previousSchemas` (oldest first) under a
   * Confluent Schema Registry compatibility mode: 'BACKWARD' (the default, as
   * in the registry), 'FORWARD', 'FULL', their '_TRANSITIVE' forms, 'NONE'.
   * @returns {{ compatible: boolean, incompatibilities: { kind: string, path: string, message: string,
   *   previous: number, direction: 'backward' | 'forward' }[] }}
   */
  function checkCompatibilityMode(schema, previousSchemas, mode = 'BACKWARD') {
    if (previousSchemas == null || typeof previousSchemas[Symbol.iterator] !== 'function') {
      throw new AvroError('previousSchemas must be an array of schemas (oldest first)', { code: 'INVALID_VALUE' });
    }
    const previous = Array.from(previousSchemas, (s, i) => schemaText(s, `previous ${i}`));
    const found = incompatibilities(
      mod.checkCompatibilityMode(schemaText(schema, 'new'), JSON.stringify(previous), String(mode)),
    );
    return { compatible: found.length === 0, incompatibilities: found };
  }

  return { checkCompatibility, checkCompatibilityMode };
}
