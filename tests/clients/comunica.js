// Runs SPARQL queries against an endpoint with Comunica (@comunica/query-sparql,
// the endpoint as a `sparql` source) and writes the bindings Comunica read, as
// SPARQL 1.1 Results JSON, one file per query.
//
// Usage: node comunica.js ENDPOINT IN_DIR OUT_DIR  (each IN_DIR/NAME.rq gives
// OUT_DIR/NAME.srj). Exit status 1 with the error on the first query that fails.
const fs = require('fs');
const path = require('path');
const { QueryEngine } = require(path.join(process.cwd(), 'node_modules/@comunica/query-sparql'));

function term(value) {
  switch (value.termType) {
    case 'NamedNode': return { type: 'uri', value: value.value };
    case 'BlankNode': return { type: 'bnode', value: value.value };
    case 'Literal': {
      const literal = { type: 'literal', value: value.value };
      // Comunica 4.5 hands a language-tagged literal from SPARQL JSON results
      // with the tag in `datatype.language` and `language` empty (its JSON
      // parser and its data factory disagree on the literal's signature):
      // the tag is read from either place, nothing else is changed.
      const language = value.language || (value.datatype && value.datatype.language);
      if (language) literal['xml:lang'] = language;
      else if (value.datatype && typeof value.datatype.value === 'string') literal.datatype = value.datatype.value;
      return literal;
    }
    default: throw new Error(`unexpected term ${value.termType}`);
  }
}

function metadata(stream) {
  return new Promise((resolve) => stream.getProperty('metadata', resolve));
}

(async () => {
  const [endpoint, inDir, outDir] = process.argv.slice(2);
  const engine = new QueryEngine();
  for (const file of fs.readdirSync(inDir).filter((f) => f.endsWith('.rq')).sort()) {
    const text = fs.readFileSync(path.join(inDir, file), 'utf8');
    try {
      const stream = await engine.queryBindings(text, { sources: [{ type: 'sparql', value: endpoint }] });
      const rows = await stream.toArray();
      let variables = (await metadata(stream)).variables.map((v) => (v.variable || v).value);
      // Comunica 4 gives no variables in the metadata of some queries (seen
      // on GRAPH ?g inside a grouped query): then they are the ones the rows
      // bind, in the order they first appear.
      if (variables.length === 0) {
        variables = [...new Set(rows.flatMap((row) => [...row.keys()].map((v) => v.value)))];
      }
      const bindings = rows.map((row) => {
        const binding = {};
        for (const name of variables) {
          const value = row.get(name);
          if (value) binding[name] = term(value);
        }
        return binding;
      });
      const result = { head: { vars: variables }, results: { bindings } };
      fs.writeFileSync(path.join(outDir, file.replace(/\.rq$/, '.srj')), JSON.stringify(result));
    } catch (error) {
      console.error(`comunica: ${file}: ${error.message}`);
      process.exit(1);
    }
  }
})();
