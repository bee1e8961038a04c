using System.Text.Json;
using Insight.Sdk.Cdk.Tests.External;

namespace Insight.Sdk.Cdk.Tests.Platform;

/// <summary>
/// Evaluates the state machine's JSONata expressions with the JSONata release Step Functions implements (2.0.6), on
/// the machine's Node.js, with Step Functions' <c>$hash</c> and <c>$parse</c> added (see <see cref="NodePackage"/>).
/// </summary>
public static class Jsonata
{
    public const string Version = "2.0.6";

    private const string Script = """
        const fs = require('fs');
        const crypto = require('crypto');
        const jsonata = require('jsonata');
        const { expression, inputs } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
        const compiled = jsonata(expression);
        // Step Functions' $hash: the hex digest of the value with the named algorithm.
        compiled.registerFunction('hash', (value, algorithm) => crypto.createHash(algorithm.replace('-', '').toLowerCase()).update(value, 'utf8').digest('hex'), '<ss:s>');
        // Step Functions' $parse: a JSON string as its value.
        compiled.registerFunction('parse', value => JSON.parse(value), '<s:x>');
        (async () => {
          const results = [];
          for (const input of inputs) results.push(await compiled.evaluate({}, { states: { input } }));
          process.stdout.write(JSON.stringify(results));
        })().catch(error => { console.error(error.message); process.exit(1); });
        """;

    /// <summary>The value of <paramref name="expression"/> for each input (bound as <c>$states.input</c>).</summary>
    public static IReadOnlyList<JsonElement> Evaluate(string expression, IEnumerable<object> inputs) => NodePackage.InScratchFolder(folder =>
    {
        var script = Path.Combine(folder, "evaluate.js");
        var data = Path.Combine(folder, "input.json");
        File.WriteAllText(script, Script);
        File.WriteAllText(data, JsonSerializer.Serialize(new { expression, inputs }));
        var output = NodePackage.Run("node", folder, [script, data], ("NODE_PATH", NodePackage.Modules("jsonata", Version)));
        return (IReadOnlyList<JsonElement>)[.. JsonDocument.Parse(output).RootElement.Clone().EnumerateArray()];
    });
}
