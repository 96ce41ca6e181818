namespace Samenreken.Domain.Polis;

/// <summary>All Polis statements of one person, as the UWV file groups them.</summary>
public sealed class PersonPolis
{
    internal PersonPolis(Bsn bsn, IReadOnlyList<PolisRecord> records)
    {
        Bsn = bsn;
        Records = records;
    }

    public Bsn Bsn { get; }

    public IReadOnlyList<PolisRecord> Records { get; }

    /// <summary>Groups statements of one BSN; throws when they belong to different persons.</summary>
    public static PersonPolis Create(Bsn bsn, IEnumerable<PolisRecord> records)
    {
        var list = records.ToArray();
        if (list.Any(r => r.Bsn != bsn))
        {
            throw new ArgumentException("every statement belongs to this BSN", nameof(records));
        }

        return new PersonPolis(bsn, list);
    }
}
