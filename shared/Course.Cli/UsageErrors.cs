using System.CommandLine;
using System.CommandLine.Parsing;

namespace Course.Cli;

/// <summary>
/// Turns whatever is wrong with a command line into one line on standard error: the first mistake, in
/// words that name the option (or verb) and say what it accepts. One line, because a student who mistypes
/// a port should read what to type instead, not two messages that contradict each other.
/// </summary>
public static class UsageErrors
{
    /// <summary>Writes the line and returns true when <paramref name="parsed"/> cannot run; false when it can.</summary>
    /// <param name="project">The project folder, e.g. "chapters/01-echo", for the hint on where the help is.</param>
    public static bool Report(ParseResult parsed, string project, TextWriter error)
    {
        string? problem = FirstProblem(parsed, project);
        if (problem is null) return false;
        // However a message came to be, it stays on one line.
        error.WriteLine($"error: {string.Join(' ', problem.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
        return true;
    }

    private static string? FirstProblem(ParseResult parsed, string project)
    {
        CommandResult where = parsed.CommandResult;
        Command command = where.Command;
        bool atRoot = where.Parent is null;
        string help = $"dotnet run --project {project} -- {(atRoot ? "" : Path(where) + " ")}--help";
        if (parsed.Errors.Count == 0)
        {
            // No verb at all is not an error to System.CommandLine (the root would show its help).
            return atRoot && parsed.Tokens.Count == 0 ? $"choose a verb: {Verbs(command)} ({help} says what each does)." : null;
        }

        // A word nobody expected says more than "a verb is required", which System.CommandLine adds beside it.
        if (parsed.UnmatchedTokens.Count > 0)
        {
            string word = parsed.UnmatchedTokens[0];
            if (atRoot && !word.StartsWith('-')) return $"unknown verb '{word}': the verbs are {Verbs(command)}.";
            if (word.StartsWith('-')) return $"{Name(where)} has no option '{word}' ({help} lists them).";
            return $"{Name(where)} does not take '{word}' ({help} says what it takes).";
        }

        // A mistake in what the user typed comes before one in what they left out ("--name is required").
        ParseError first = parsed.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult { IdentifierToken: not null }) ?? parsed.Errors[0];
        if (first.SymbolResult is OptionResult { Tokens.Count: 0, Implicit: false } missing)
            return $"{missing.Option.Name} needs a value: {Accepts(missing.Option)}.";
        if (atRoot && first.SymbolResult is CommandResult)
            return $"choose a verb: {Verbs(command)} ({help} says what each does).";
        return first.Message;
    }

    /// <summary>What an option accepts, in words, for "--x needs a value: ...".</summary>
    private static string Accepts(Option option) => option switch
    {
        IRangedOption ranged => ranged.Accepts,
        IChoiceOption choice => choice.Accepts,
        _ when option.Description is { Length: > 0 } d => char.ToLowerInvariant(d[0]) + d[1..].TrimEnd('.'),
        _ => "see --help",
    };

    private static string Verbs(Command command)
    {
        string[] names = [.. command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];
        return names.Length switch
        {
            0 => "(none)",
            1 => names[0],
            _ => $"{string.Join(", ", names[..^1])} or {names[^1]}",
        };
    }

    private static string Name(CommandResult where) => where.Parent is null ? "the program" : Path(where);

    private static string Path(CommandResult where) =>
        where.Parent is CommandResult { Parent: not null } parent ? $"{Path(parent)} {where.Command.Name}" : where.Command.Name;
}
