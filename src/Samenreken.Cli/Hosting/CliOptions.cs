using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Samenreken.Cryptography;

namespace Samenreken.Cli;

/// <summary>
/// The one definition of every option that more than one command takes, each with a parser that refuses a bad value
/// at parse time (exit code 2) with a message naming the option. Each call returns a new instance for one command.
/// </summary>
internal static class CliOptions
{
    /// <summary>The input length l of a comparison: the DGK plaintext prime must be above 2^(l+2) and fit 64 bits.</summary>
    public const int MaxComparisonBits = 58;

    private static readonly string[] s_keySizes = ["2048", "3072", "4096"];

    /// <summary><c>--verbose</c>, on the root and every command below it.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log debug messages and show the stack trace of a failure.",
        Recursive = true,
    };

    /// <summary><c>--bits</c>: the modulus size of the Paillier and DGK keys.</summary>
    public static Option<int> Bits()
    {
        var option = new Option<int>("--bits")
        {
            Description = $"Modulus size of the Paillier and DGK keys: 2048 (warns: below the recommendation), {KeySizePolicy.DefaultBits} (default) or 4096 bits.",
            DefaultValueFactory = _ => KeySizePolicy.DefaultBits,
        };
        option.AcceptOnlyFromAmong(s_keySizes);
        return option;
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>]; "abc", "1e9" and overflow are refused.</summary>
    public static Option<int> WholeNumber(string name, string description, int minimum, int defaultValue, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseWholeNumber(result, minimum, maximum) ?? defaultValue,
    };

    /// <summary>The same without a default: null when not given.</summary>
    public static Option<int?> OptionalWholeNumber(string name, string description, int minimum, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        CustomParser = result => ParseWholeNumber(result, minimum, maximum),
    };

    /// <summary>A required whole number.</summary>
    public static Option<int> RequiredWholeNumber(string name, string description, int minimum, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result => ParseWholeNumber(result, minimum, maximum) ?? 0,
    };

    /// <summary><c>--persons</c>: AOW recipients to generate.</summary>
    public static Option<int> Persons(string description, int? defaultValue = null) => defaultValue is { } value
        ? WholeNumber("--persons", description, 1, value)
        : RequiredWholeNumber("--persons", description, 1);

    /// <summary><c>--seed</c>: the seed of the synthetic population.</summary>
    public static Option<ulong> Seed() => new("--seed")
    {
        Description = "Seed of the synthetic population; the same seed gives the same files.",
        DefaultValueFactory = _ => 1,
        CustomParser = result => ulong.TryParse(Token(result), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Refuse<ulong>(result, $"must be a whole number from 0 to {ulong.MaxValue}"),
    };

    /// <summary><c>--comparison-bits</c>: the input length l of the secure comparison.</summary>
    public static Option<int> ComparisonBits() => WholeNumber(
        "--comparison-bits",
        $"Input length l of the secure comparison the DGK key serves, 1 to {MaxComparisonBits} (its plaintext prime is the smallest prime above 2^(l+2)).",
        1,
        32,
        MaxComparisonBits);

    /// <summary><c>--month yyyy-MM</c>: a reference month (whether parameters exist for it is checked by the command).</summary>
    public static Option<YearMonth?> Month(string description) => new("--month")
    {
        Description = description,
        CustomParser = result => DateOnly.TryParseExact(Token(result) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new YearMonth(date.Year, date.Month)
            : Refuse<YearMonth?>(result, "must be a month yyyy-MM such as 2025-06"),
    };

    /// <summary><c>--data DIR</c>: the directory with svb.csv and uwv.csv (checked by <see cref="DataFiles.In"/>).</summary>
    public static Option<DirectoryInfo?> Data(bool required = true, string description = "Directory holding svb.csv and uwv.csv.")
        => new("--data") { Description = description, Required = required };

    /// <summary><c>--force</c>: replace existing output files (never a command's own inputs).</summary>
    public static Option<bool> Force() => new("--force") { Description = "Replace output files that already exist (never one of the command's inputs)." };

    /// <summary><c>--json FILE</c>: a report as JSON.</summary>
    public static Option<FileInfo?> Json() => new("--json") { Description = "Write the report as JSON to this file (checked before the run starts)." };

    private static int? ParseWholeNumber(ArgumentResult result, int minimum, int maximum)
        => int.TryParse(Token(result), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : Refuse<int?>(result, maximum == int.MaxValue ? $"must be at least {minimum} (a whole number)" : $"must be at least {minimum} and at most {maximum} (a whole number)");

    private static string Token(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;

    private static T? Refuse<T>(ArgumentResult result, string requirement)
    {
        var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        result.AddError($"{name} {requirement}; got '{Token(result)}'.");
        return default;
    }
}

/// <summary>A calendar month, as <c>--month yyyy-MM</c> gives it.</summary>
internal readonly record struct YearMonth(int Year, int Month)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
