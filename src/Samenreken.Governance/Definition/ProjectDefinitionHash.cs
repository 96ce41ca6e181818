using System.Globalization;
using System.Security.Cryptography;

namespace Samenreken.Governance.Definition;

/// <summary>
/// SHA-256 over the canonical form of a definition (<see cref="CanonicalJson"/>): independent of YAML layout,
/// comments and key order, so two nodes that loaded the same content agree, and any change of content disagrees.
/// </summary>
public sealed record ProjectDefinitionHash
{
    private ProjectDefinitionHash(string hex) => Hex = hex;

    /// <summary>64 lower-case hexadecimal digits.</summary>
    public string Hex { get; }

    /// <summary>Parses 64 hexadecimal digits (as announced by a peer).</summary>
    public static bool TryParse(string? text, out ProjectDefinitionHash? hash)
    {
        hash = null;
        if (text is null || text.Length != 64 || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        hash = new ProjectDefinitionHash(text.ToLowerInvariant());
        return true;
    }

    internal static ProjectDefinitionHash Of(byte[] canonical) => new(Convert.ToHexStringLower(SHA256.HashData(canonical)));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sha256:{Hex}");
}
