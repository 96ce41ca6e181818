using System.Security.Cryptography;

namespace Samenreken.Nodes.Tls;

/// <summary>Which side of the TLS connection the peer is, and so which extended key usage its certificate must carry.</summary>
public enum PeerRole
{
    /// <summary>The peer connects to us: its certificate must allow TLS client authentication.</summary>
    Client,

    /// <summary>We connect to the peer: its certificate must allow TLS server authentication.</summary>
    Server,
}

internal static class PeerUsage
{
    public static Oid ServerAuthentication => new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    public static Oid ClientAuthentication => new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    public static Oid For(PeerRole role) => role == PeerRole.Client ? ClientAuthentication : ServerAuthentication;
}
