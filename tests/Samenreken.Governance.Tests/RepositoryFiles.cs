namespace Samenreken.Governance.Tests;

/// <summary>The shipped project files, found from the test's output folder upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PilotDefinitionText => File.ReadAllText(Path.Combine(Root, "projects", "aio-pilot-2022.yaml"));

    public static string DemoDefinitionText => File.ReadAllText(Path.Combine(Root, "projects", "aio-demo-fictitious.yaml"));

    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts]));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Samenreken.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Samenreken.slnx not found above " + AppContext.BaseDirectory);
    }
}
