using System.CommandLine;
using Samenreken.Governance.Definition;

namespace Samenreken.Cli;

/// <summary><c>samenreken project …</c>: the project definition, what each party feeds in and learns, and the documents made from it.</summary>
internal static class ProjectCommands
{
    public static Command Create()
    {
        var project = new Command("project", "The project definition every run needs, and the documents generated from it.");
        project.Add(Show());
        project.Add(Schema());
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
