using System.Security.Cryptography.X509Certificates;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Tests.Tls;

/// <summary>Each verdict of the policy, each next to the accepted case it differs from in one respect.</summary>
public sealed class PeerCertificatePolicyTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    /// <summary>UWV's view: the peer is SVB, connecting as a client.</summary>
    private PeerCertificatePolicy UwvAcceptingClients() => PeerCertificatePolicy.Create(_pki.Uwv, PeerRole.Client, _pki.Clock);

    [Fact]
    public void TheConfiguredPeer_IsAccepted_InBothRoles()
    {
        using var svb = TestPki.Load(_pki.Set.Svb);
        using var uwv = TestPki.Load(_pki.Set.Uwv);

        Assert.Equal(PeerCertificateVerdict.Accepted, UwvAcceptingClients().Validate(svb));
        Assert.Equal(PeerCertificateVerdict.Accepted, PeerCertificatePolicy.Create(_pki.Svb, PeerRole.Server, _pki.Clock).Validate(uwv));
    }

    [Fact]
    public void NoCertificate_IsMissing()
        => Assert.Equal(PeerCertificateVerdict.Missing, UwvAcceptingClients().Validate(null));

    [Fact]
    public void SameNameFromAnotherCa_IsAnUntrustedChain()
    {
        using var impostor = _pki.IssueByOtherCa(DevelopmentCertificates.SvbNode);
        Assert.Equal(PeerCertificateVerdict.UntrustedChain, UwvAcceptingClients().Validate(impostor));
    }

    [Fact]
    public void TheValidPeer_AfterItsValidityByTheClock_IsExpired_AndBeforeIt_NotYetValid()
    {
        using var svb = TestPki.Load(_pki.Set.Svb);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_pki.Now.AddDays(-1));
        var policy = PeerCertificatePolicy.Create(_pki.Uwv, PeerRole.Client, clock);

        Assert.Equal(PeerCertificateVerdict.NotYetValid, policy.Validate(svb));
        clock.SetUtcNow(_pki.Now);
        Assert.Equal(PeerCertificateVerdict.Accepted, policy.Validate(svb));
        clock.SetUtcNow(_pki.Now.AddYears(2));
        Assert.Equal(PeerCertificateVerdict.Expired, policy.Validate(svb));
    }

    [Fact]
    public void ACertificateWithAPastNotAfter_IsExpired()
    {
        using var expired = _pki.Issue(DevelopmentCertificates.SvbNode, _pki.Now.AddDays(-30), _pki.Now.AddDays(-1));
        Assert.Equal(PeerCertificateVerdict.Expired, UwvAcceptingClients().Validate(expired));
    }

    [Fact]
    public void AValidCertificateOfTheWrongParty_IsAPinMismatch()
    {
        // UWV's own certificate is valid under the same CA, but UWV only accepts SVB's key.
        using var uwv = TestPki.Load(_pki.Set.Uwv);
        Assert.Equal(PeerCertificateVerdict.PinMismatch, UwvAcceptingClients().Validate(uwv));
    }

    [Fact]
    public void ThePinnedKey_UnderAnotherName_IsANameMismatch()
    {
        var options = _pki.Uwv;
        options.PeerName = "someone-else";
        using var svb = TestPki.Load(_pki.Set.Svb);
        Assert.Equal(PeerCertificateVerdict.NameMismatch, PeerCertificatePolicy.Create(options, PeerRole.Client, _pki.Clock).Validate(svb));
    }

    [Fact]
    public void AServerOnlyCertificate_PresentedByAClient_IsTheWrongUsage()
    {
        using var serverOnly = _pki.Issue(DevelopmentCertificates.SvbNode, _pki.Now.AddHours(-1), _pki.Now.AddDays(1), PeerUsage.ServerAuthentication);
        Assert.Equal(PeerCertificateVerdict.WrongUsage, UwvAcceptingClients().Validate(serverOnly));

        // The same certificate passes chain and usage in the server role; only its (unpinned) key is then wrong.
        Assert.Equal(PeerCertificateVerdict.PinMismatch, PeerCertificatePolicy.Create(_pki.Uwv, PeerRole.Server, _pki.Clock).Validate(serverOnly));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void AMalformedPin_IsRefusedAtCreation(string pin)
    {
        var options = _pki.Uwv;
        options.PeerPin = pin;
        var exception = Assert.Throws<ArgumentException>(() => PeerCertificatePolicy.Create(options, PeerRole.Client, _pki.Clock));
        Assert.Equal("options", exception.ParamName);
        Assert.Contains("Tls:PeerPin", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANodeCertificateAsTrustAnchor_IsRefusedAtCreation()
    {
        var options = _pki.Uwv;
        options.CaCertificatePath = _pki.Set.Svb.CertificatePath;
        Assert.Throws<ArgumentException>(() => PeerCertificatePolicy.Create(options, PeerRole.Client, _pki.Clock));
    }

    [Fact]
    public void ComputePin_IsTheSha256OfTheSubjectPublicKeyInfo()
    {
        using var svb = X509Certificate2.CreateFromPem(File.ReadAllText(_pki.Set.Svb.CertificatePath));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(svb.PublicKey.ExportSubjectPublicKeyInfo()));
        Assert.Equal(expected, PeerCertificatePolicy.ComputePin(svb));
        Assert.Equal(expected, _pki.Set.Svb.Pin);
    }
}
