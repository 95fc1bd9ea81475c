using System.Text.RegularExpressions;

namespace Course.Classroom.Running;

public enum Verdict { Passed, Failed, Skipped, NotRun }

/// <summary>One test's result, as a .trx file records it.</summary>
/// <param name="Storage">The test assembly's path, as the .trx writes it (in lower case).</param>
/// <param name="FullName">Namespace, class and method, as xUnit names the test.</param>
public sealed partial record TestOutcome(string Storage, string FullName, Verdict Verdict, TimeSpan Duration, string Message)
{
    /// <summary>True if the test comes from <paramref name="chapter"/>'s test project.</summary>
    public bool IsIn(Course.Chapter chapter) =>
        Storage.Replace('\\', '/').Contains($"/tests/{chapter.Name}.tests/", StringComparison.OrdinalIgnoreCase);

    public string Method => FullName[(FullName.LastIndexOf('.') + 1)..];

    /// <summary>
    /// True if the test failed on an assertion: xUnit reports its own assertion exceptions by message
    /// alone, and every other exception as "Type : message" (a TimeoutException, a socket error, a
    /// missing method). A test that ran into xUnit's own time limit is not an assertion either.
    /// </summary>
    public bool FailedOnAssertion =>
        Verdict == Verdict.Failed && !OtherException().IsMatch(Message) && !Message.StartsWith("Test execution timed out", StringComparison.Ordinal);

    /// <summary>The first line of the failure, for a report.</summary>
    public string FirstLine => Message.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"^\s*[A-Za-z_][\w.`+]*(Exception|Error)\s:\s")]
    private static partial Regex OtherException();
}
