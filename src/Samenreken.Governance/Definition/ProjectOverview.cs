using System.Globalization;
using System.Text;

namespace Samenreken.Governance.Definition;

/// <summary>
/// The LSI letter's requirement that partners see how the others select data: per party, every field each other
/// party feeds into the computation (and whether it reaches this party, in which form, or stays with the other),
/// and what each party learns.
/// </summary>
public static class ProjectOverview
{
    public static string Describe(ProjectDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{definition.Title}");
        text.AppendLine(CultureInfo.InvariantCulture, $"project {definition.Id} version {definition.Version}{(definition.IsFictitious ? " (FICTITIOUS: demo only)" : "")}; definition {definition.Hash}");
        text.AppendLine(CultureInfo.InvariantCulture, $"runs allowed from {definition.Horizon.EffectiveFrom:yyyy-MM-dd HH:mm zzz} until {definition.Horizon.ExpiresAt:yyyy-MM-dd HH:mm zzz}; engine {definition.Crypto.ComparisonEngine.ToString().ToLowerInvariant()}");
        foreach (var party in definition.Parties)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"== {party.Id} ({party.Name}; {string.Join(", ", party.Roles)})");
            foreach (var other in definition.Parties.Where(p => p.Id != party.Id))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  fields {other.Id} feeds into the computation:");
                foreach (var field in other.Contributes)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"    - {field.Field} [{field.Category}] {Reach(field, party.Id)}: {field.Description}");
                }

                if (other.Contributes.IsEmpty)
                {
                    text.AppendLine("    (none)");
                }
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  {party.Id} sends:");
            foreach (var field in party.Contributes.Where(f => !f.SharedWith.IsEmpty))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    - {field.Field} to {string.Join(", ", field.SharedWith)} ({Form(field.Form)})");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  {party.Id} learns:");
            foreach (var item in party.Learns)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    - {item.Item}: {item.Description}");
            }

            if (party.Learns.IsEmpty)
            {
                text.AppendLine("    (nothing)");
            }
        }

        return text.ToString();
    }

    internal static string Form(FieldForm form) => form == FieldForm.Encrypted ? "encrypted, unreadable to the recipient" : "readable";

    private static string Reach(ContributedField field, string viewer) => field.SharedWith.Contains(viewer)
        ? $"(sent to {viewer}, {Form(field.Form)})"
        : field.SharedWith.IsEmpty ? "(stays local)" : $"(sent to {string.Join(", ", field.SharedWith)} only)";
}
