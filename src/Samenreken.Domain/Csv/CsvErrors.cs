namespace Samenreken.Domain.Csv;

/// <summary>What was wrong with a row of an input file.</summary>
public enum CsvErrorKind
{
    /// <summary>The header row is missing or names other columns than the documented ones.</summary>
    BadHeader,

    /// <summary>Wrong number of fields or broken quoting.</summary>
    MalformedRow,

    /// <summary>A BSN that is not nine digits passing the 11-test (or is 000000000).</summary>
    BadBsn,

    /// <summary>A code outside the documented code list (household type, income code, pay period, …).</summary>
    UnknownCode,

    /// <summary>An amount that is not euros with at most two decimals.</summary>
    BadAmount,

    /// <summary>A date that is not yyyy-MM-dd, or dates in the wrong order.</summary>
    BadDate,

    /// <summary>A whole number or percentage out of format or range.</summary>
    BadNumber,

    /// <summary>A key that an earlier row already used.</summary>
    DuplicateKey,

    /// <summary>A row that contradicts another row (household members that do not match, rows out of group).</summary>
    Inconsistent,

    /// <summary>The file as a whole cannot be trusted: truncated, changed after writing, or too many bad rows.</summary>
    FileIntegrity,
}

/// <summary>How a load treats bad rows.</summary>
public enum CsvLoadMode
{
    /// <summary>Report every bad row and load the good ones.</summary>
    SkipAndReport,

    /// <summary>Report every bad row and load nothing if there is one.</summary>
    FailWholeLoad,
}

/// <summary>
/// One bad row: its 1-based line number in the file (the header is line 1), the column and the rule it broke.
/// The message is made from <see cref="Problem"/> and never repeats the value (no BSN or amount on a terminal).
/// </summary>
public sealed record CsvRowError(long Line, CsvErrorKind Kind, string Column, DataProblem Problem)
{
    /// <summary>The reason, as a sentence.</summary>
    public string Message => DataProblems.Message(Problem);

    public override string ToString() => Column.Length == 0
        ? $"line {Line}: {Message}"
        : $"line {Line}, column '{Column}': {Message}";
}

/// <summary>
/// The result of loading a whole file. With <see cref="CsvLoadMode.FailWholeLoad"/> and any error,
/// <see cref="Records"/> is empty, so a caller never works on a half-loaded file without knowing it.
/// </summary>
public sealed class CsvLoadResult<T>
{
    internal CsvLoadResult(IReadOnlyList<T> records, IReadOnlyList<CsvRowError> errors, CsvLoadMode mode, DataSetInfo info, CsvFileRefusal? refusal)
    {
        Errors = errors;
        Info = info;
        Refusal = refusal;
        Succeeded = refusal is null && (errors.Count == 0 || mode == CsvLoadMode.SkipAndReport);
        Records = Succeeded ? records : [];
    }

    /// <summary>Set when the file was refused as a whole (header, truncation, too many bad rows).</summary>
    public CsvFileRefusal? Refusal { get; }

    /// <summary>The rows that were loaded.</summary>
    public IReadOnlyList<T> Records { get; }

    /// <summary>Every bad row, in file order.</summary>
    public IReadOnlyList<CsvRowError> Errors { get; }

    /// <summary>False when the load failed as a whole; then <see cref="Records"/> is empty.</summary>
    public bool Succeeded { get; }

    /// <summary>What the file's preamble says about the data set.</summary>
    public DataSetInfo Info { get; }
}

/// <summary>
/// The '#'-comment preamble of a data file: key=value pairs. Synthetic files carry
/// <c>synthetic=true</c> so that they are never mistaken for real data (see bsn.md).
/// </summary>
public sealed class DataSetInfo
{
    private readonly Dictionary<string, string> _values;

    internal DataSetInfo(Dictionary<string, string> values) => _values = values;

    /// <summary>A preamble with the given key=value pairs (keys and values without spaces or '=').</summary>
    public static DataSetInfo Create(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (key.Length == 0 || key.AsSpan().IndexOfAny(" =") >= 0 || value.AsSpan().IndexOfAny(" =") >= 0)
            {
                throw new ArgumentException($"'{key}={value}' is not a simple key=value pair", nameof(values));
            }

            dictionary[key] = value;
        }

        return new DataSetInfo(dictionary);
    }

    /// <summary>An empty preamble.</summary>
    public static DataSetInfo Empty { get; } = new([]);

    /// <summary>True when the file declares itself synthetic.</summary>
    public bool IsSynthetic => _values.TryGetValue("synthetic", out var v) && v == "true";

    /// <summary>All key=value pairs.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? this[string key] => _values.TryGetValue(key, out var v) ? v : null;

    /// <summary>Builds a preamble line such as <c># synthetic=true seed=42</c>.</summary>
    public static string FormatLine(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return "# " + string.Join(' ', values.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    internal static void ParseInto(ReadOnlySpan<char> commentLine, Dictionary<string, string> into)
    {
        foreach (var part in commentLine.TrimStart('#').ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                into[part[..eq]] = part[(eq + 1)..];
            }
        }
    }
}
