using System.CommandLine;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyCommandsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-keys-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void KeysGenerate_WritesPrivateKeysWithMode0600_ThatOpenWithThePassphrase()
    {
        Environment.SetEnvironmentVariable(KeyCommands.PassphraseVariable, "test passphrase");
        try
        {
            var output = new StringWriter();
            var exitCode = SamenrekenCommand.Create().Parse(["keys", "generate", "--bits", "2048", "--out", _directory.FullName])
                .Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });

            Assert.Equal(0, exitCode);
            foreach (var name in new[] { KeyFiles.PrivateKeyFileName, KeyFiles.DgkPrivateKeyFileName })
            {
                var mode = File.GetUnixFileMode(Path.Combine(_directory.FullName, name));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
            }

            var paillier = KeyFiles.ReadPrivateKey(Path.Combine(_directory.FullName, KeyFiles.PrivateKeyFileName), "test passphrase", KeySizePolicy.Production);
            var paillierPublic = PaillierPublicKey.Import(File.ReadAllBytes(Path.Combine(_directory.FullName, KeyFiles.PublicKeyFileName)), KeySizePolicy.Production);
            Assert.Equal(paillierPublic, paillier.PublicKey);
            var dgk = KeyFiles.ReadDgkPrivateKey(Path.Combine(_directory.FullName, KeyFiles.DgkPrivateKeyFileName), "test passphrase", KeySizePolicy.Production);
            Assert.Equal(DgkPublicKey.Import(File.ReadAllBytes(Path.Combine(_directory.FullName, KeyFiles.DgkPublicKeyFileName)), KeySizePolicy.Production), dgk.PublicKey);
            Assert.Equal(DgkKeyPair.PlaintextPrimeFor(32), dgk.PublicKey.U);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KeyCommands.PassphraseVariable, null);
        }
    }

    [Fact]
    public void KeysGenerate_WithoutPassphrase_FailsAndWritesNothing()
    {
        Environment.SetEnvironmentVariable(KeyCommands.PassphraseVariable, null);

        var exitCode = SamenrekenCommand.Create().Parse(["keys", "generate", "--bits", "2048", "--out", _directory.FullName])
            .Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });

        Assert.NotEqual(0, exitCode);
        Assert.Empty(_directory.GetFiles());
    }
}
