using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Samenreken.Domain.Csv;

namespace Samenreken.Domain.NetIncome;

/// <summary>
/// The embedded parameter files (NetIncome/Parameters/*.csv), parsed once. Their SHA-256 is part of
/// the algorithm version, so a changed figure gives a new version.
/// </summary>
internal static class ParameterFiles
{
    private static readonly Lazy<Loaded> s_loaded = new(Load);

    public static Loaded Data => s_loaded.Value;

    internal sealed record Loaded(
        IReadOnlyList<string[]> Norms,
        IReadOnlyList<string[]> Aow,
        IReadOnlyList<string[]> Tax,
        string Hash);

    private static Loaded Load()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var norms = Read("norms.csv", ["valid_from", "household_type", "monthly_net_eur", "includes_holiday_allowance", "source", "status", "notes"], sha);
        var aow = Read(
            "aow.csv",
            ["valid_from", "household_type", "gross_monthly_eur", "holiday_allowance_gross_monthly_eur", "gross_incl_holiday_allowance_monthly_eur", "zvw_withheld_monthly_eur", "payroll_tax_with_credit_eur", "net_with_tax_credit_eur", "payroll_tax_without_credit_eur", "net_without_tax_credit_eur", "source", "status", "notes"],
            sha);
        var tax = Read("tax.csv", ["year", "parameter", "value", "unit", "source", "status", "notes"], sha);
        var hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
        return new Loaded(norms, aow, tax, hash);
    }

    private static List<string[]> Read(string file, string[] columns, IncrementalHash sha)
    {
        var name = $"Samenreken.Domain.NetIncome.Parameters.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"parameter file {file} is not embedded");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(text));
        var table = new CsvTable(new StringReader(text), columns);
        var rows = new List<string[]>();
        if (table.ReadHeader(out _) is { } headerError)
        {
            throw new InvalidDataException($"{file}: {headerError}");
        }

        while (table.TryReadRow(out var fields, out var error))
        {
            if (error is not null)
            {
                throw new InvalidDataException($"{file}: {error}");
            }

            rows.Add([.. fields]);
        }

        return rows;
    }

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
