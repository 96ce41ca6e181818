using System.CommandLine;
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
        project.Add(DocumentCommand("dpia", "Write a DPIA draft (Markdown and HTML) following the Model DPIA Rijksdienst, for a privacy officer to finish.", definition =>
        {
            var dpia = DpiaDocument.Render(definition, TimeProvider.System.GetUtcNow());
            return [("dpia.md", dpia.Markdown), ("dpia.html", dpia.Html)];
        }));
        project.Add(DocumentCommand("transparency", "Write the public page in plain Dutch (B1) and the Algoritmeregister entry.", definition =>
        {
            var output = TransparencyPage.Render(definition, TimeProvider.System.GetUtcNow());
            return [("transparantie.md", output.Page.Markdown), ("transparantie.html", output.Page.Html), ("algoritmeregister.json", output.AlgorithmRegisterJson)];
        }));
        return project;
    }

    /// <summary>The <c>--project FILE</c> option every project command takes.</summary>
    internal static Option<FileInfo> ProjectOption() => new("--project") { Description = "Project definition (YAML), e.g. projects/aio-demo-fictitious.yaml.", Required = true };

    /// <summary>Reads and validates a definition; notes every error with its line and fails with <see cref="ExitCodes.InvalidInput"/> when invalid.</summary>
    internal static ProjectDefinition Load(ParseResult parse, CliContext context, Option<FileInfo> option)
        => ReadValid<ProjectDefinition>(parse.GetValue(option)!, context, "project definition", text => ProjectDefinition.TryParse(text, out var definition, out var errors)
            ? (definition, [])
            : (null, [.. errors.Select(e => e.ToString())]));

    /// <summary>
    /// Reads a text file <paramref name="parse"/> validates: a missing file fails with <see cref="ExitCodes.FileAccess"/>;
    /// an invalid one notes every problem (with its line) and fails with <see cref="ExitCodes.InvalidInput"/>.
    /// </summary>
    internal static T ReadValid<T>(FileInfo file, CliContext context, string what, Func<string, (T? Value, IReadOnlyList<string> Errors)> parse)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parse);
        if (!file.Exists)
        {
            throw CliException.FileAccess($"{what} {file.FullName} does not exist");
        }

        var (value, errors) = parse(File.ReadAllText(file.FullName));
        if (value is not null)
        {
            return value;
        }

        foreach (var problem in errors)
        {
            context.Note($"{file.Name}: {problem}");
        }

        throw CliException.InvalidInput($"{file.FullName} is not a valid {what} ({errors.Count} error{(errors.Count == 1 ? "" : "s")} above)");
    }

    private static Command Show()
    {
        var projectOption = ProjectOption();
        var command = new Command("show", "Print, per party, exactly which fields each other party feeds into the computation and what each party learns.") { projectOption };
        command.SetCliAction((parse, context) =>
        {
            context.Output.Write(ProjectOverview.Describe(Load(parse, context, projectOption)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DocumentCommand(string name, string description, Func<ProjectDefinition, IReadOnlyList<(string File, string Text)>> render)
    {
        var projectOption = ProjectOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the files.", Required = true };
        var force = CliOptions.Force();
        var command = new Command(name, description) { projectOption, output, force };
        command.SetCliAction((parse, context) =>
        {
            var documents = render(Load(parse, context, projectOption));

            // Public documents: world-readable, written whole or not at all.
            using var staged = StagedOutput.Create(parse.GetValue(output)!, [.. documents.Select(d => new OutputFile(d.File, StagedOutput.WorldReadable))],
                parse.GetValue(force), [parse.GetValue(projectOption)!.FullName]);
            foreach (var (file, text) in documents)
            {
                File.WriteAllText(staged.StagedPath(file), text);
            }

            foreach (var path in staged.Commit())
            {
                context.Output.WriteLine($"wrote {path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Schema()
    {
        var command = new Command("schema", "Print the JSON Schema project definitions must satisfy (published as projects/schema/project-definition.schema.json).");
        command.SetCliAction((parse, context) =>
        {
            context.Output.WriteLine(ProjectDefinitionSchema.Json);
            return ExitCodes.Success;
        });
        return command;
    }
}
