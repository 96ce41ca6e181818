using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>Files a node reads at start (its node key, its TLS certificate and key): garbage or loose permissions are refused with one clear error naming the file.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("samenreken-files-").FullName;

    [Fact]
    public void NodeKey_Garbage_IsRefusedNamingTheFile()
    {
        var path = Write("node.key", "this is not a key", PrivateFiles.OwnerOnly);

        var error = Assert.Throws<InvalidOperationException>(() => NodeSeal.Open(new NodeOptions { KeyFile = path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("no node key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeKey_ReadableByOthers_IsRefused_TheOwnerOnlyTwinOpens()
    {
        var path = Path.Combine(_directory, "node.key");
        NodeSeal.CreateKeyFile(path);
        File.SetUnixFileMode(path, PrivateFiles.WorldReadable);

        var error = Assert.Throws<InvalidOperationException>(() => NodeSeal.Open(new NodeOptions { KeyFile = path }));
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);

        File.SetUnixFileMode(path, PrivateFiles.OwnerOnly);
        NodeSeal.Open(new NodeOptions { KeyFile = path }).Dispose();
    }

    [Fact]
    public void TlsCertificate_Garbage_IsRefusedNamingTheFile()
    {
        var certificates = DevelopmentCertificates.Create(Path.Combine(_directory, "certs"), TimeProvider.System);
        var options = certificates.OptionsFor(DevelopmentCertificates.UwvNode);
        NodeCertificate.Load(options).Dispose(); // twin: the real files load

        File.WriteAllText(options.CertificatePath, "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n");
        var error = Assert.Throws<InvalidOperationException>(() => NodeCertificate.Load(options));

        Assert.Contains(options.CertificatePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlsKey_ReadableByOthers_IsRefused()
    {
        var certificates = DevelopmentCertificates.Create(Path.Combine(_directory, "certs"), TimeProvider.System);
        var options = certificates.OptionsFor(DevelopmentCertificates.SvbNode);
        File.SetUnixFileMode(options.KeyPath, PrivateFiles.WorldReadable);

        var error = Assert.Throws<InvalidOperationException>(() => NodeCertificate.Load(options));

        Assert.Contains(options.KeyPath, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text, UnixFileMode mode)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
