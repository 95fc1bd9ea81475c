using System.CommandLine;
using Course.Charts;
using Course.Cli;

// The course's chart program: a bench writes its figures with --chart-data (a small JSON file), and this
// draws them as the PNG a docs page shows. It is the only program of the course that needs a graphics
// library besides chapter 08, which is why it is a program of its own: chapters that draw nothing carry
// none. .ci/measure runs it after each bench. Layout:
//   ChartDrawing.cs   figures to a 900x480 PNG with ScottPlot: lines or grouped bars, linear or log scale

var figures = new Argument<string>("figures") { Description = "A figures file written by a bench's --chart-data" };
var png = new Argument<string>("png") { Description = "Where to write the chart" };
var draw = new Command("draw", "Draw a bench's figures as a PNG chart") { figures, png }
    .WithAction((args, _) =>
    {
        string output = args.GetValue(png)!;
        ChartDrawing.Draw(ChartFigures.Read(args.GetValue(figures)!), output);
        Console.WriteLine($"Chart written to {output}.");
        return Task.FromResult(ExitCodes.Success);
    });

return CourseApp.Run("shared/Course.Charts", "Draws the benches' figures as the charts the docs pages show", args, draw);
