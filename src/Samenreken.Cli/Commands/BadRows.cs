using Samenreken.Domain.Csv;

namespace Samenreken.Cli;

/// <summary>
/// Bad input rows as the user sees them: line, column and reason, never the value. A row's message from the Domain can
/// quote a BSN or an amount, so only its line, column and kind are printed.
/// </summary>
internal static class BadRows
{
    /// <summary>At most this many rows are listed; the rest are counted.</summary>
    public const int Listed = 50;

    public static void Report(CliContext cli, IReadOnlyList<CsvRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors.Take(Listed))
        {
            cli.Warn(Describe(error));
        }

        if (errors.Count > Listed)
        {
            cli.Warn($"... and {errors.Count - Listed} more bad rows");
        }
    }

    /// <summary>"bad row: line 12, column 'bsn': not a valid BSN (nine digits, 11-test)".</summary>
    public static string Describe(CsvRowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var column = error.Column.Length == 0 ? string.Empty : $", column '{error.Column}'";
        return $"bad row: line {error.Line}{column}: {Reason(error.Kind)}";
    }

    private static string Reason(CsvErrorKind kind) => kind switch
    {
        CsvErrorKind.BadHeader => "the header is missing or names other columns than the documented ones",
        CsvErrorKind.MalformedRow => "wrong number of fields or broken quoting",
        CsvErrorKind.BadBsn => "not a valid BSN (nine digits, 11-test)",
        CsvErrorKind.UnknownCode => "a code outside the documented code list",
        CsvErrorKind.BadAmount => "not an amount in euros with at most two decimals",
        CsvErrorKind.BadDate => "not a date yyyy-MM-dd, or dates in the wrong order",
        CsvErrorKind.BadNumber => "a number out of format or range",
        CsvErrorKind.DuplicateKey => "repeats the key of an earlier row",
        CsvErrorKind.Inconsistent => "contradicts another row (household members, or rows of one group not adjacent)",
        _ => kind.ToString(),
    };
}
