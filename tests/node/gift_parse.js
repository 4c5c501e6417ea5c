// Parse GIFT text from stdin with gift-pegjs and print the questions as JSON,
// or print the parse error with its line and column and exit 1.
const { parse } = require("gift-pegjs");

let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { text += chunk; });
process.stdin.on("end", () => {
  try {
    process.stdout.write(JSON.stringify(parse(text)));
  } catch (err) {
    const where = err.location ? err.location.start : { line: "?", column: "?" };
    process.stdout.write(JSON.stringify({ error: err.message, line: where.line, column: where.column }));
    process.exitCode = 1;
  }
});
