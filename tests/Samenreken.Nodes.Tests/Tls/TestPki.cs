using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Tests.Tls;

/// <summary>
/// A development set on disk (written by the real <see cref="DevelopmentCertificates"/> code) whose CA the test keeps,
/// so it can issue the certificates a node must refuse: expired, wrong usage, wrong party; and a second CA.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-tls-");
    private readonly X509Certificate2 _authority;
    private readonly X509Certificate2 _otherAuthority;

    public TestPki()
    {
        Now = DateTimeOffset.UtcNow;
        Clock = new FakeTimeProvider(Now);
        // The CA starts earlier than the set, so it can also issue certificates that expired in the past.
        _authority = CertificateIssuer.CreateAuthority("Test CA", Now.AddDays(-60), Now.AddYears(1));
        _otherAuthority = CertificateIssuer.CreateAuthority("Test CA", Now.AddHours(-1), Now.AddYears(1));
        Set = DevelopmentCertificates.Write(_directory.FullName, _authority, Now.AddHours(-1), Now.AddYears(1), overwrite: false);
    }

    public DateTimeOffset Now { get; }

    /// <summary>A clock the nodes' policies read; tests move it.</summary>
    public FakeTimeProvider Clock { get; }

    public DevelopmentCertificateSet Set { get; }

    public MutualTlsOptions Uwv => Set.OptionsFor(DevelopmentCertificates.UwvNode);

    public MutualTlsOptions Svb => Set.OptionsFor(DevelopmentCertificates.SvbNode);

    /// <summary>A certificate of the set as files on disk hold it, with its private key.</summary>
    public static X509Certificate2 Load(NodeCertificateFiles files) => X509Certificate2.CreateFromPemFile(files.CertificatePath, files.KeyPath);

    /// <summary>A further certificate of the set's own CA.</summary>
    public X509Certificate2 Issue(string name, DateTimeOffset notBefore, DateTimeOffset notAfter, params Oid[] usages)
        => CertificateIssuer.IssueNode(_authority, name, notBefore, notAfter, usages.Length == 0 ? null : [.. usages]);

    /// <summary>A certificate for the same name from a CA with the same name but another key.</summary>
    public X509Certificate2 IssueByOtherCa(string name) => CertificateIssuer.IssueNode(_otherAuthority, name, Now.AddHours(-1), Now.AddYears(1));

    public void Dispose()
    {
        _authority.Dispose();
        _otherAuthority.Dispose();
        _directory.Delete(recursive: true);
    }
}
