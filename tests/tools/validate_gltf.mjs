// Validate glTF/GLB files with the Khronos glTF-Validator (npm package "gltf-validator").
//
// Usage: node tests/tools/validate_gltf.mjs FILE [FILE ...]
// Prints one JSON array on stdout, one summary per file:
//   {file, numErrors, numWarnings, numInfos, numHints, messages: [{code, severity, pointer, message}]}
// (severity: 0 error, 1 warning, 2 info, 3 hint). For .gltf files, external resources (.bin, images)
// are read from the file's directory. Exit status 1 when a file cannot be read or parsed at all.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const validator = require("gltf-validator");

async function validateFile(file) {
  const data = await readFile(file);
  const directory = path.dirname(path.resolve(file));
  const report = await validator.validateBytes(new Uint8Array(data), {
    uri: path.basename(file),
    maxIssues: 0,
    writeTimestamp: false,
    externalResourceFunction: async (uri) =>
      new Uint8Array(await readFile(path.resolve(directory, decodeURIComponent(uri)))),
  });
  const issues = report.issues;
  return {
    file,
    validatorVersion: report.validatorVersion,
    numErrors: issues.numErrors,
    numWarnings: issues.numWarnings,
    numInfos: issues.numInfos,
    numHints: issues.numHints,
    messages: issues.messages.map((m) => ({
      code: m.code,
      severity: m.severity,
      pointer: m.pointer ?? null,
      message: m.message,
    })),
    info: report.info ?? null,
  };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate_gltf.mjs FILE [FILE ...]");
  process.exit(2);
}
try {
  const results = [];
  for (const file of files) results.push(await validateFile(file));
  console.log(JSON.stringify(results, null, 2));
} catch (error) {
  console.error(`glTF-Validator could not validate: ${error}`);
  process.exit(1);
}
