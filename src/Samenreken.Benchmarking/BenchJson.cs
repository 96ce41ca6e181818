using System.Text.Json;

namespace Samenreken.Benchmarking;

/// <summary>The JSON shape of every quick benchmark report: camelCase names, indented.</summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, s_options);
}
