using System.CommandLine;
using Course.Cli;
using Pickling;

namespace Serializer;

/// <summary>The <c>dis</c> verb: a stream's opcodes with their offsets and arguments, like Python's pickletools.dis.</summary>
internal static class DisCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "A file holding one stream ('-' for standard input)", Arity = ArgumentArity.ZeroOrOne };
        var example = Choice.Optional("--example", "Print a built-in example", [.. Examples.Names]);
        var hex = new Option<string?>("--hex") { Description = "The stream as hex digits, e.g. \"80 01 49 54 2e\"" };

        return new Command("dis", "List a stream's opcodes with their offsets and arguments, like Python's pickletools.dis") { file, example, hex }
            .WithAction((args, _) =>
            {
                if (args.GetValue(example) is { } name && args.GetValue(file) is null && args.GetValue(hex) is null)
                {
                    // An example also shows what the reader makes of it: the attack ends with the allow-list's refusal.
                    Console.Write(Examples.Listing(name));
                    return Task.FromResult(ExitCodes.Success);
                }
                byte[] bytes = Input.Read(args.GetValue(file), args.GetValue(example), args.GetValue(hex));
                try
                {
                    Disassembler.Write(bytes, Console.Out);
                }
                catch (PickleFormatException e)
                {
                    throw new UserError(e.Message);
                }
                return Task.FromResult(ExitCodes.Success);
            });
    }
}
