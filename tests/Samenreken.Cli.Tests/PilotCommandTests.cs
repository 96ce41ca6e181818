namespace Samenreken.Cli.Tests;

public sealed class PilotCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "samenreken-pilot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Pilot_At2048Bits_ExitsZero_AndWritesTheSameSelectionAsTheReference()
    {
        var exit = PilotCommand.Create().Parse(["--persons", "200", "--bits", "2048", "--seed", "7", "--out", _directory]).Invoke();

        Assert.Equal(0, exit);
        var selection = File.ReadAllLines(Path.Combine(_directory, PilotCommand.SelectionFileName));
        var reference = File.ReadAllLines(Path.Combine(_directory, PilotCommand.ReferenceFileName));
        Assert.Equal("household_id,household_type,bsn", selection[0]);
        Assert.Equal(reference, selection);
    }

    [Fact]
    public void Pilot_RefusesAnInsecureKeySize()
    {
        Assert.NotEqual(0, PilotCommand.Create().Parse(["--bits", "1024", "--out", _directory]).Invoke());
        Assert.False(File.Exists(Path.Combine(_directory, PilotCommand.SelectionFileName)));
    }
}
