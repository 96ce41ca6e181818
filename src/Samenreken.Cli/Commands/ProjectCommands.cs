using System.CommandLine;
using System.Text;
using Samenreken.Governance.Definition;
using Samenreken.Governance.Documents;

namespace Samenreken.Cli;

/// <summary><c>samenreken project …</c>: the project definition, what each party feeds in and learns, and the documents made from it.</summary>
internal static class ProjectCommands
{
    public static Command Create()
    {
        var project = new Command("project", "The project definition every run needs, and the documents generated from it.");
        project.Add(Show());
        project.Add(Schema());
        project.Add(DocumentCommand("dpia", "Write a DPIA draft (Markdown and HTML) following the Model DPIA Rijksdienst, for a privacy officer to finish.",
            definition => [("dpia.md", Dpia(definition).Markdown), ("dpia.html", Dpia(definition).Html)]));
        project.Add(DocumentCommand("transparency", "Write the public page in plain Dutch (B1) and the Algoritmeregister entry.", definition =>
        {
            var output = TransparencyPage.Render(definition, TimeProvider.System.GetUtcNow());
            return [("transparantie.md", output.Page.Markdown), ("transparantie.html", output.Page.Html), ("algoritmeregister.json", output.AlgorithmRegisterJson)];
        }));
        return project;
    }

    /// <summary>The <c>--project FILE</c> option every project command takes.</summary>
    internal static Option<FileInfo> ProjectOption() => new("--project") { Description = "Project definition (YAML), e.g. projects/aio-demo-fictitious.yaml.", Required = true };

    /// <summary>Reads and validates a definition; prints every error with its line and returns null when invalid.</summary>
    internal static ProjectDefinition? Load(ParseResult parse, Option<FileInfo> option)
    {
        var file = parse.GetValue(option)!;
        var error = parse.InvocationConfiguration.Error;
        if (!file.Exists)
        {
            error.WriteLine($"error: project definition {file.FullName} does not exist.");
            return null;
        }

        if (ProjectDefinition.TryParse(File.ReadAllText(file.FullName), out var definition, out var errors))
        {
            return definition;
        }

        error.WriteLine($"error: {file.FullName} is not a valid project definition:");
        foreach (var problem in errors)
        {
            error.WriteLine($"  {problem}");
        }

        return null;
    }

    private static Command Show()
    {
        var projectOption = ProjectOption();
        var command = new Command("show", "Print, per party, exactly which fields each other party feeds into the computation and what each party learns.") { projectOption };
        command.SetAction(parse =>
        {
            var definition = Load(parse, projectOption);
            if (definition is null)
            {
                return 2;
            }

            parse.InvocationConfiguration.Output.Write(ProjectOverview.Describe(definition));
            return 0;
        });
        return command;
    }

    private static RenderedDocument Dpia(ProjectDefinition definition) => DpiaDocument.Render(definition, TimeProvider.System.GetUtcNow());

    private static Command DocumentCommand(string name, string description, Func<ProjectDefinition, IEnumerable<(string File, string Text)>> render)
    {
        var projectOption = ProjectOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the files.", Required = true };
        var command = new Command(name, description) { projectOption, output };
        command.SetAction(parse =>
        {
            var definition = Load(parse, projectOption);
            if (definition is null)
            {
                return 2;
            }

            var directory = parse.GetValue(output)!;
            directory.Create();
            foreach (var (file, text) in render(definition))
            {
                var path = Path.Combine(directory.FullName, file);
                File.WriteAllText(path, text, new UTF8Encoding(false));
                parse.InvocationConfiguration.Output.WriteLine($"wrote {path}");
            }

            return 0;
        });
        return command;
    }

    private static Command Schema()
    {
        var command = new Command("schema", "Print the JSON Schema project definitions must satisfy (published as projects/schema/project-definition.schema.json).");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(ProjectDefinitionSchema.Json);
            return 0;
        });
        return command;
    }
}
