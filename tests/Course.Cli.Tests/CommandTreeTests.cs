using System.CommandLine;
using System.Globalization;
using System.Reflection;

namespace Course.Cli.Tests;

/// <summary>
/// Walks every verb and option of every program, from its root command, and gives each option only wrong
/// values: not a number, one just below and one just above its range, an empty one, none at all; and each
/// verb a misspelt sibling. Every answer must be one line starting "error:", naming what was wrong, with
/// exit code 2. No verb ever runs: <see cref="CommandTree.Check"/> stops each program where its verb would start.
/// </summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void Every_program_of_the_course_is_walked()
    {
        Assert.Equal(10, CoursePrograms.All.Count); // 01 to 08, the chart program and the classroom tool; a new chapter adds one here, on purpose
        foreach (var (name, _) in CoursePrograms.All) Assert.NotNull(CommandTree.Of(CoursePrograms.Load(name)).Root);
    }

    [Theory]
    [MemberData(nameof(CoursePrograms.Names), MemberType = typeof(CoursePrograms))]
    public void Every_wrong_command_line_is_one_line_and_exit_code_2(string program)
    {
        Assembly assembly = CoursePrograms.Load(program);
        RootCommand root = CommandTree.Of(assembly).Root;
        var failures = new List<string>();
        var undeclared = new List<string>();
        var tried = 0;

        void Expect(string[] args, string mentioning)
        {
            tried++;
            string shown = $"{program} {string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a))}";
            CommandTree.Answer answer;
            try
            {
                answer = CommandTree.Check(assembly, args);
            }
            catch (Exception e)
            {
                Exception inner = e is TargetInvocationException { InnerException: { } i } ? i : e;
                failures.Add($"{shown}\n    Unhandled exception. {inner.GetType()}: {inner.Message.Split('\n')[0]}");
                return;
            }
            string[] lines = answer.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string said = string.Join(" | ", lines);
            if (answer.WouldRun) failures.Add($"{shown}\n    accepted: the verb would run");
            else if (answer.ExitCode != ExitCodes.Usage) failures.Add($"{shown}\n    exit code {answer.ExitCode}, not 2: {said}");
            else if (lines.Length != 1 || !lines[0].StartsWith("error: ", StringComparison.Ordinal)) failures.Add($"{shown}\n    {lines.Length} lines: {said}");
            else if (!lines[0].Contains(mentioning, StringComparison.Ordinal)) failures.Add($"{shown}\n    does not name {mentioning}: {said}");
        }

        Expect([], "verb");
        Walk(root, []);

        void Walk(Command command, string[] path)
        {
            foreach (Command verb in command.Subcommands)
            {
                Expect([.. path, verb.Name + "x"], verb.Name + "x");
                string[] here = [.. path, verb.Name];
                if (verb.Arguments.Count == 0) Expect([.. here, "--no-such-option"], "--no-such-option");
                foreach (Option option in verb.Options)
                {
                    if (option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool)) continue; // --help, flags
                    Expect([.. here, option.Name], option.Name); // the value forgotten
                    foreach (string value in WrongValues(option, undeclared, $"{program} {string.Join(' ', here)}"))
                        Expect([.. here, option.Name, value], option.Name);
                }
                Walk(verb, here);
            }
        }

        Assert.NotEmpty(root.Subcommands);
        Assert.True(failures.Count == 0 && undeclared.Count == 0,
            $"{failures.Count} of {tried} wrong command lines were not one clear line with exit code 2:\n{string.Join("\n", failures)}\n"
            + $"{undeclared.Count} options say nothing of what they accept:\n{string.Join("\n", undeclared)}");
    }

    [Theory]
    [MemberData(nameof(CoursePrograms.Names), MemberType = typeof(CoursePrograms))]
    public void What_the_help_promises_for_0_is_accepted(string program)
    {
        RootCommand root = CommandTree.Of(CoursePrograms.Load(program)).Root;
        var failures = new List<string>();
        foreach (var (path, option) in Options(root, []))
        {
            if (option is not IRangedOption { Zero: { } meaning }) continue;
            Assert.Contains($"(0: {meaning})", option.Description);
            ParseResult parsed = root.Parse([.. path, option.Name, "0"]);
            failures.AddRange(parsed.Errors.Where(e => e.SymbolResult is System.CommandLine.Parsing.OptionResult o && o.Option == option)
                .Select(e => $"{program} {string.Join(' ', path)} {option.Name} 0: {e.Message}"));
        }
        Assert.Empty(failures);
    }

    /// <summary>Values that must all be refused, by what the option says it accepts.</summary>
    private static IEnumerable<string> WrongValues(Option option, List<string> failures, string where)
    {
        Type type = option.ValueType.IsArray ? option.ValueType.GetElementType()! : option.ValueType;
        switch (option)
        {
            case IRangedOption ranged:
                decimal step = ranged.WholeNumbers ? 1 : 0.01m;
                decimal below = ranged.AboveMin ? ranged.Min : ranged.Min - step;
                if (below == 0 && ranged.Zero is not null) below = -step; // 0 has a meaning of its own: try less
                return ["abc", "", Show(below), Show(ranged.Max + step), .. ranged.WholeNumbers ? ["2.5"] : Array.Empty<string>()];
            case IChoiceOption:
                return ["abc", ""];
            case var _ when IsNumber(type):
                failures.Add($"{where} {option.Name}: a number option not declared with Ranged (so nothing says its range)");
                return ["abc", ""];
            case var _ when type.IsEnum:
                failures.Add($"{where} {option.Name}: an enum option not declared with Choice (so a wrong word is several lines)");
                return ["abc"];
            default:
                return []; // free text (--host, --name): only a forgotten value is certainly wrong
        }
    }

    private static bool IsNumber(Type type) =>
        type.IsPrimitive && type != typeof(bool) && type != typeof(char) || type == typeof(decimal);

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<(string[] Path, Option Option)> Options(Command command, string[] path)
    {
        foreach (Command verb in command.Subcommands)
        {
            string[] here = [.. path, verb.Name];
            foreach (Option option in verb.Options) yield return (here, option);
            foreach (var inner in Options(verb, here)) yield return inner;
        }
    }
}
