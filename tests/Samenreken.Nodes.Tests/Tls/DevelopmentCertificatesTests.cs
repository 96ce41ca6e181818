using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Tests.Tls;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DevelopmentCertificatesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-certs-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Create_WritesCaAndBothNodes_KeysOwnerOnly_PinsOfTheWrittenCertificates()
    {
        var set = DevelopmentCertificates.Create(_directory.FullName, _clock);

        Assert.Equal(["ca.crt", "svb.crt", "svb.key", "uwv.crt", "uwv.key"], _directory.GetFiles().Select(file => file.Name).Order());
        foreach (var node in new[] { set.Uwv, set.Svb })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(node.KeyPath));
            using var certificate = X509Certificate2.CreateFromPemFile(node.CertificatePath, node.KeyPath);
            Assert.True(certificate.HasPrivateKey);
            Assert.Equal(PeerCertificatePolicy.ComputePin(certificate), node.Pin);
            Assert.Equal(_clock.GetUtcNow() + DevelopmentCertificates.Validity - TimeSpan.FromMinutes(5), certificate.NotAfter.ToUniversalTime());
        }

        Assert.NotEqual(set.Uwv.Pin, set.Svb.Pin);
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(set.CaCertificatePath));
        Assert.False(authority.HasPrivateKey);
    }

    [Fact]
    public void Create_OverAnExistingSet_Refuses_AndLeavesItUnchanged()
    {
        var first = DevelopmentCertificates.Create(_directory.FullName, _clock);
        var before = File.ReadAllBytes(first.Uwv.KeyPath);

        var exception = Assert.Throws<IOException>(() => DevelopmentCertificates.Create(_directory.FullName, _clock));

        Assert.Contains("refusing to overwrite", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(first.Uwv.KeyPath));
    }

    [Fact]
    public void Create_OverOneLeftoverFile_Refuses()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "svb.key"), "left over");
        Assert.Throws<IOException>(() => DevelopmentCertificates.Create(_directory.FullName, _clock));
        Assert.Equal("left over", File.ReadAllText(Path.Combine(_directory.FullName, "svb.key")));
    }

    [Fact]
    public void Create_WithOverwrite_ReplacesTheSet_WithNewKeysAndNoTemporaryFilesLeft()
    {
        var first = DevelopmentCertificates.Create(_directory.FullName, _clock);
        File.SetUnixFileMode(first.Uwv.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var second = DevelopmentCertificates.Create(_directory.FullName, _clock, overwrite: true);

        Assert.NotEqual(first.Uwv.Pin, second.Uwv.Pin);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(second.Uwv.KeyPath));
        Assert.Equal(5, _directory.GetFiles().Length);
    }

    [Fact]
    public void AKeyFileReadableByOthers_IsRefusedWhenLoaded()
    {
        var set = DevelopmentCertificates.Create(_directory.FullName, _clock);
        var options = set.OptionsFor(DevelopmentCertificates.SvbNode);
        using (MutualTlsClientHandler.Create(options, _clock))
        {
        }

        File.SetUnixFileMode(set.Svb.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var exception = Assert.Throws<InvalidOperationException>(() => MutualTlsClientHandler.Create(options, _clock));
        Assert.Contains("chmod 600", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsFor_NamesTheOtherNodeAsThePeer()
    {
        var set = DevelopmentCertificates.Create(_directory.FullName, _clock);

        var uwv = set.OptionsFor("uwv");
        Assert.Equal((set.Uwv.CertificatePath, set.Uwv.KeyPath, set.Svb.Pin, "svb"), (uwv.CertificatePath, uwv.KeyPath, uwv.PeerPin, uwv.PeerName));
        Assert.Equal(set.Uwv.Pin, set.OptionsFor("svb").PeerPin);
        Assert.Equal("node", Assert.Throws<ArgumentOutOfRangeException>(() => set.OptionsFor("cak")).ParamName);
    }
}
