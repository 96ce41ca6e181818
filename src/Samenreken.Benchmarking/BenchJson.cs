using System.Text.Json;

namespace Samenreken.Benchmarking;

/// <summary>The JSON shape of every quick benchmark report: camelCase names, indented.</summary>
public static class BenchJson
{
    // Reports hold only our own ASCII labels and numbers, so readable escaping is safe here (no HTML context).
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, s_options);
}
