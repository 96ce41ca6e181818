using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Encoding;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cli.Tests;

/// <summary>One key set, generated once through the CLI, that the tests copy and damage.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GeneratedKeySet : IDisposable
{
    public const string Passphrase = "test passphrase";

    public GeneratedKeySet()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("samenreken-keyset-");
        Generation = KeyCommandsTests.WithPassphrase(Passphrase, () => CliRun.Of("keys", "generate", "--bits", "2048", "--out", Directory.FullName));
    }

    public DirectoryInfo Directory { get; }

    internal CliRun Generation { get; }

    public void Dispose() => Directory.Delete(recursive: true);
}

/// <summary>The passphrase is process-wide (an environment variable), so every test that sets it lives in this class and runs one at a time.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyCommandsTests(GeneratedKeySet keys) : IClassFixture<GeneratedKeySet>, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-keys-");

    public void Dispose() => _directory.Delete(recursive: true);

    internal static T WithPassphrase<T>(string? passphrase, Func<T> action)
    {
        Environment.SetEnvironmentVariable(KeyCommands.PassphraseVariable, passphrase);
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(KeyCommands.PassphraseVariable, null);
        }
    }

    private string Key(string name) => Path.Combine(keys.Directory.FullName, name);

    [Fact]
    public void KeysGenerate_WritesPrivateKeysWithMode0600_ThatOpenWithThePassphrase()
    {
        Assert.Equal(0, keys.Generation.ExitCode);
        Assert.Equal(4, keys.Generation.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var name in new[] { KeyFiles.PrivateKeyFileName, KeyFiles.DgkPrivateKeyFileName })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Key(name)));
        }

        Assert.Equal(StagedOutput.WorldReadable, File.GetUnixFileMode(Key(KeyFiles.PublicKeyFileName)));
        var paillier = KeyFiles.ReadPrivateKey(Key(KeyFiles.PrivateKeyFileName), GeneratedKeySet.Passphrase, KeySizePolicy.Production);
        var paillierPublic = KeyFiles.ReadPublicKey(Key(KeyFiles.PublicKeyFileName), KeySizePolicy.Production);
        Assert.Equal(paillierPublic, paillier.PublicKey);
        var dgk = KeyFiles.ReadDgkPrivateKey(Key(KeyFiles.DgkPrivateKeyFileName), GeneratedKeySet.Passphrase, KeySizePolicy.Production);
        Assert.Equal(KeyFiles.ReadDgkPublicKey(Key(KeyFiles.DgkPublicKeyFileName), KeySizePolicy.Production), dgk.PublicKey);

        // A public key file is the blob and its SHA-256: the fingerprint stays that of the blob.
        var paillierFile = File.ReadAllBytes(Key(KeyFiles.PublicKeyFileName));
        Assert.Equal(paillierPublic.Export(), paillierFile[..^PublicKeyFile.ChecksumLength]);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(paillierPublic.Export()), paillierFile[^PublicKeyFile.ChecksumLength..]);
        Assert.Equal(DgkKeyPair.PlaintextPrimeFor(32), dgk.PublicKey.U);
        Assert.Equal(KeyFiles.KeySet.Select(f => f.Name).Order(StringComparer.Ordinal), keys.Directory.GetFileSystemInfos().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void KeysCheck_OpensAndMatchesTheSet()
    {
        var run = WithPassphrase(GeneratedKeySet.Passphrase, () => CliRun.Of("keys", "check", "--in", keys.Directory.FullName));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("both private keys open and match", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "set SAMENREKEN_KEY_PASSPHRASE")]
    [InlineData("", "set SAMENREKEN_KEY_PASSPHRASE")]
    [InlineData("x", "at least 12 characters")]
    [InlineData("elevenchars", "at least 12 characters")]
    public void KeysGenerate_WithoutALongEnoughPassphrase_FailsAndWritesNothing(string? passphrase, string message)
    {
        var output = Path.Combine(_directory.FullName, "keys");

        WithPassphrase(passphrase, () => CliRun.Of("keys", "generate", "--bits", "2048", "--out", output)).AssertFailed(ExitCodes.Usage, message);

        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData(KeyFiles.PrivateKeyFileName)]
    [InlineData(KeyFiles.DgkPublicKeyFileName)]
    public void KeysGenerate_IntoAFolderWithAnOlderKeyFile_RefusesBeforeGenerating_AndTouchesNothing(string existing)
    {
        var older = Path.Combine(_directory.FullName, existing);
        File.WriteAllText(older, "older key");

        var run = WithPassphrase(GeneratedKeySet.Passphrase, () => CliRun.Of("keys", "generate", "--bits", "2048", "--out", _directory.FullName));

        run.AssertFailed(ExitCodes.OutputExists, $"{older} already exists; remove it or choose another output");
        Assert.DoesNotContain("--force", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("generating", run.Error, StringComparison.Ordinal);
        Assert.Equal("older key", File.ReadAllText(older));
        Assert.Equal([older], _directory.GetFileSystemInfos().Select(e => e.FullName));
    }

    [Fact]
    public void KeysCheck_WithTheWrongPassphrase_ExitsWith5()
        => WithPassphrase("another passphrase", () => CliRun.Of("keys", "check", "--in", keys.Directory.FullName))
            .AssertFailed(ExitCodes.KeyNotOpened, $"{KeyFiles.PrivateKeyFileName} did not open: the passphrase is wrong, or the file was altered");

    [Theory]
    [InlineData(KeyFiles.PrivateKeyFileName, "truncate", ExitCodes.InvalidInput, "is truncated or not a key file")]
    // A DGK private key blob has no fixed length, so a truncated one is caught by its authentication tag, like an altered one.
    [InlineData(KeyFiles.DgkPrivateKeyFileName, "truncate", ExitCodes.KeyNotOpened, "the passphrase is wrong, or the file was altered")]
    [InlineData(KeyFiles.PrivateKeyFileName, "flip", ExitCodes.KeyNotOpened, "did not open")]
    [InlineData(KeyFiles.DgkPrivateKeyFileName, "flip", ExitCodes.KeyNotOpened, "did not open")]
    [InlineData(KeyFiles.PublicKeyFileName, "truncate", ExitCodes.InvalidInput, "is corrupted or truncated: its checksum does not match its contents")]
    [InlineData(KeyFiles.PublicKeyFileName, "flip", ExitCodes.InvalidInput, "is corrupted or truncated: its checksum does not match its contents")]
    [InlineData(KeyFiles.PublicKeyFileName, "flip-last", ExitCodes.InvalidInput, "is corrupted or truncated: its checksum does not match its contents")]
    [InlineData(KeyFiles.DgkPublicKeyFileName, "truncate", ExitCodes.InvalidInput, "is corrupted or truncated: its checksum does not match its contents")]
    [InlineData(KeyFiles.DgkPublicKeyFileName, "flip", ExitCodes.InvalidInput, "is corrupted or truncated: its checksum does not match its contents")]
    [InlineData(KeyFiles.PrivateKeyFileName, "delete", ExitCodes.FileAccess, "no such key file")]
    public void KeysCheck_ADamagedKeyFile_IsOneLineAndItsExitCode(string file, string damage, int exitCode, string message)
    {
        foreach (var key in keys.Directory.GetFiles())
        {
            key.CopyTo(Path.Combine(_directory.FullName, key.Name));
        }

        var target = Path.Combine(_directory.FullName, file);
        var bytes = File.ReadAllBytes(target);
        switch (damage)
        {
            case "truncate":
                File.WriteAllBytes(target, bytes[..(bytes.Length / 2)]);
                break;
            case "flip":
                bytes[bytes.Length / 2] ^= 1;
                File.WriteAllBytes(target, bytes);
                break;
            case "flip-last":
                // The last byte of the blob: the bottom of the DJN base, which no structural check could catch.
                bytes[^(PublicKeyFile.ChecksumLength + 1)] ^= 1;
                File.WriteAllBytes(target, bytes);
                break;
            default:
                File.Delete(target);
                break;
        }

        var run = WithPassphrase(GeneratedKeySet.Passphrase, () => CliRun.Of("keys", "check", "--in", _directory.FullName));

        run.AssertFailed(exitCode, message);
        Assert.Contains(file, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysCheck_PublicKeyFilesFromBeforeTheChecksum_StillOpen()
    {
        foreach (var key in keys.Directory.GetFiles())
        {
            var bytes = File.ReadAllBytes(key.FullName);
            var older = key.Name.EndsWith(".pub", StringComparison.Ordinal) ? bytes[..^PublicKeyFile.ChecksumLength] : bytes;
            File.WriteAllBytes(Path.Combine(_directory.FullName, key.Name), older);
        }

        var run = WithPassphrase(GeneratedKeySet.Passphrase, () => CliRun.Of("keys", "check", "--in", _directory.FullName));

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void KeysCheck_AMissingDirectory_ExitsWith3()
        => WithPassphrase(GeneratedKeySet.Passphrase, () => CliRun.Of("keys", "check", "--in", Path.Combine(_directory.FullName, "none")))
            .AssertFailed(ExitCodes.FileAccess, "no such directory");
}
