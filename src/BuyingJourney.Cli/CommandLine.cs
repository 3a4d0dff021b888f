using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BuyingJourney.Cli.Commands;
using BuyingJourney.Import;
using BuyingJourney.Import.Mapping;
using BuyingJourney.Rules.Json;

namespace BuyingJourney.Cli;

/// <summary>The tool's exit codes (documented in <c>--help</c> and the package README).</summary>
internal static class ExitCodes
{
    /// <summary>Done (an import that skipped records is done: the skips are listed).</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure: the store could not be reached, a bug; the message says what.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing argument.</summary>
    public const int Usage = 2;

    /// <summary>An input file is missing or invalid (a CSV export, a mapping, a rulebook): the message names the file and the line or JSON path.</summary>
    public const int BadInput = 3;

    /// <summary>The journey asked for has no signals in the store, or (analyze) the tenant has no journeys.</summary>
    public const int NotFound = 4;
}

/// <summary>A wrong command line; the message says what is wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A missing or invalid input, already described for the user.</summary>
internal sealed class InputException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>One option of a command: <c>--name VALUE</c>, or a flag when <see cref="Value"/> is null.</summary>
internal sealed record OptionSpec(string Name, string? Value, string Help, bool Repeatable = false);

/// <summary>One command of the tool: its name, help (usage, description, options, examples) and what it runs.</summary>
internal sealed record Command(
    string Name,
    string Summary,
    string Arguments,
    string Description,
    int MinArguments,
    int MaxArguments,
    OptionSpec[] Options,
    string[] Examples,
    Func<ParsedArguments, CliConsole, CancellationToken, Task<int>> RunAsync);

/// <summary>A command's arguments and options, parsed against its <see cref="Command.Options"/>.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public bool Help { get; private set; }

    public static ParsedArguments Parse(Command command, IReadOnlyList<string> args)
    {
        var parsed = new ParsedArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                parsed.Help = true;
                continue;
            }

            if (arg == "--")
            {
                parsed.Positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            var spec = command.Options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException($"{command.Name} has no option --{name}; its options are {string.Join(", ", command.Options.Select(o => "--" + o.Name))}.");
            string value;
            if (spec.Value is null)
            {
                if (inline is not null)
                {
                    throw new UsageException($"--{name} is a flag; it takes no value.");
                }

                value = "true";
            }
            else if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value: --{name} {spec.Value}.");
            }

            if (!parsed._options.TryGetValue(name, out var values))
            {
                parsed._options[name] = values = [];
            }
            else if (!spec.Repeatable)
            {
                throw new UsageException($"--{name} is given twice; give it once.");
            }

            values.Add(value);
        }

        if (!parsed.Help && (parsed.Positional.Count < command.MinArguments || parsed.Positional.Count > command.MaxArguments))
        {
            throw new UsageException(parsed.Positional.Count < command.MinArguments
                ? $"{command.Name} needs {command.Arguments}."
                : command.MaxArguments == 0
                    ? $"{command.Name} takes no arguments, only options; got \"{parsed.Positional[0]}\"."
                    : $"{command.Name} takes {command.Arguments}; got also \"{parsed.Positional[command.MaxArguments]}\".");
        }

        return parsed;
    }

    public string? Value(string name) => _options.TryGetValue(name, out var values) ? values[0] : null;

    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public bool Flag(string name) => _options.ContainsKey(name);
}

/// <summary>The command table, help, and the one place exceptions become messages and exit codes.</summary>
internal static class CommandLine
{
    /// <summary>The commands, in the order help lists them. A new command is one more entry.</summary>
    public static readonly Command[] Commands = [ImportCommand.Definition, AssessCommand.Definition, AnalyzeCommand.Definition, ReinterpretCommand.Definition];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Count == 0)
        {
            await console.Error.WriteAsync(GeneralHelp()).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (args[0] is "--help" or "-h" or "-?" or "help" && args.Count == 1)
        {
            await console.Out.WriteAsync(GeneralHelp()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (args[0] is "--version")
        {
            await console.Out.WriteLineAsync(Version()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var name = args[0] == "help" ? args[1] : args[0];
        var command = Commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            var near = Commands.FirstOrDefault(c => Distance(c.Name, name.ToLowerInvariant()) <= (c.Name.Length >= 8 ? 2 : 1));
            var suggestion = near is null ? string.Empty : $" Did you mean {near.Name}?";
            await console.Error.WriteLineAsync($"buyingjourney: unknown command \"{name}\"; the commands are {string.Join(", ", Commands.Select(c => c.Name))}.{suggestion} Run buyingjourney --help.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (args[0] == "help")
        {
            await console.Out.WriteAsync(CommandHelp(command)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        try
        {
            var parsed = ParsedArguments.Parse(command, [.. args.Skip(1)]);
            if (parsed.Help)
            {
                await console.Out.WriteAsync(CommandHelp(command)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            return await command.RunAsync(parsed, console, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"buyingjourney {command.Name}: {e.Message}\nRun buyingjourney {command.Name} --help for its usage and an example.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (Described(e) is { } described)
        {
            await console.Error.WriteLineAsync($"buyingjourney {command.Name}: {described.Message}").ConfigureAwait(false);
            return described.ExitCode;
        }
    }

    /// <summary>The message and exit code of an expected failure; null for anything else (which is a bug and propagates).</summary>
    private static (string Message, int ExitCode)? Described(Exception e) => e switch
    {
        InputException input => (input.Message, input.ExitCode),
        CrmImportException import => (import.Message, ExitCodes.BadInput),
        CrmMappingValidationException mapping => (mapping.Message, ExitCodes.BadInput),
        RulebookValidationException rulebook => (rulebook.Message, ExitCodes.BadInput),
        FileNotFoundException missing => ($"no such file: {missing.FileName ?? missing.Message}", ExitCodes.BadInput),
        DirectoryNotFoundException missing => (missing.Message, ExitCodes.BadInput),
        UnauthorizedAccessException denied => (denied.Message, ExitCodes.BadInput),
        DbException store => ($"the store failed: {store.Message}", ExitCodes.Failure),
        OperationCanceledException => ("cancelled; what was stored before stays stored.", ExitCodes.Failure),
        _ => null,
    };

    /// <summary>The edit distance (insertions, deletions, substitutions) between two short words: "analyse" is 1 from "analyze"; a command within 1 (2 for names of 8 letters or more) is suggested.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    public static string GeneralHelp()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"buyingjourney {Version()}: where your B2B customers are in their purchase, from your CRM's exports.\n\n");
        text.Append("Usage: buyingjourney <command> [arguments] [options]\n\nCommands:\n");
        foreach (var command in Commands)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {command.Name,-12} {command.Summary}\n");
        }

        text.Append("\nFrom a CSV export to a journey in two commands:\n");
        text.Append("  buyingjourney import Task.csv OpportunityHistory.csv --mapping salesforce\n");
        text.Append("  buyingjourney assess 006Aa0000011111AAA --html journey.html\n");
        text.Append("\nFrom a CSV export to the pipeline dashboard:\n");
        text.Append("  buyingjourney import opportunities.csv activities.csv --mapping csv\n");
        text.Append("  buyingjourney analyze --html pipeline.html --reports journeys\n");
        text.Append("\nRun buyingjourney <command> --help for a command's options and examples.\n\n");
        text.Append(ExitCodeHelp());
        return text.ToString();
    }

    public static string CommandHelp(Command command)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"buyingjourney {command.Name}: {command.Summary}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Usage: buyingjourney {command.Name}{(command.Arguments.Length == 0 ? string.Empty : " " + command.Arguments)} [options]\n\n");
        text.Append(command.Description.TrimEnd()).Append("\n\nOptions:\n");
        foreach (var option in command.Options)
        {
            var left = option.Value is null ? $"--{option.Name}" : $"--{option.Name} {option.Value}";
            text.Append(CultureInfo.InvariantCulture, $"  {left,-26} {option.Help}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  {"--help",-26} This help.\n\nExamples:\n");
        foreach (var example in command.Examples)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {example}\n");
        }

        text.Append('\n').Append(ExitCodeHelp());
        return text.ToString();
    }

    private static string ExitCodeHelp()
        => $"Exit codes: {ExitCodes.Ok} done; {ExitCodes.Failure} unexpected failure (the store could not be reached); {ExitCodes.Usage} wrong command line; "
            + $"{ExitCodes.BadInput} a file is missing or invalid (the message names the line or JSON path); {ExitCodes.NotFound} no such journey, or no journeys in the tenant.\n";

    private static string Version()
        => typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
