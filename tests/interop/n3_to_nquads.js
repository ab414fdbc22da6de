// Parses an RDF file with N3.js and prints the quads it read as N-Quads:
// `node n3_to_nquads.js FORMAT FILE`, FORMAT an N3.js format name
// (Turtle, TriG, N-Triples, N-Quads). Default-graph triples come out as
// N-Triples lines.
'use strict';
const fs = require('fs');
const N3 = require('n3');

const [format, path] = process.argv.slice(2);
const parser = new N3.Parser({ format });
const quads = parser.parse(fs.readFileSync(path, 'utf8'));
const writer = new N3.Writer({ format: 'N-Quads' });
writer.addQuads(quads);
writer.end((error, result) => {
  if (error) {
    console.error(String(error));
    process.exit(1);
  }
  process.stdout.write(result);
});
