using System.Numerics;
using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// The check of a backend's matrix product (<see cref="IMatrixProducts"/>, optional since contracts 1.6), which models'
/// kernels compute with: C = A X against plain loops in float64 and float32, for A by row, by column and one row
/// repeated, writing and adding, at sizes that are no multiple of a vector's width; the same bits twice; and the
/// arguments refused as <see cref="KernelArguments.CheckProduct"/> refuses them.
/// </summary>
internal static partial class BackendChecks
{
    /// <summary>The check's name.</summary>
    private const string ProductsCheck = "matrix products";

    /// <summary>(rows, columns, inner): one element, a row, a column, odd sizes, and sizes past a block and a stretch.</summary>
    private static readonly (int Rows, int Columns, int Inner)[] ProductSizes = [(1, 1, 1), (1, 37, 5), (9, 1, 4), (7, 13, 11), (13, 70, 130), (32, 64, 33)];

    private static string Products(IComputeBackend backend)
    {
        if (backend is not IMatrixProducts products)
        {
            throw CheckList.Skip("the backend offers models no matrix products (IMatrixProducts is optional)");
        }

        var cases = 0;
        var worst = 0.0;
        foreach (var (rows, columns, inner) in ProductSizes)
        {
            foreach (var layout in new[] { "by row", "by column", "one row repeated" })
            {
                foreach (var add in new[] { false, true })
                {
                    var seed = (rows * 10_000) + (columns * 100) + inner + (add ? 7 : 0) + layout.Length;
                    worst = Math.Max(worst, Product<double>(products, rows, columns, inner, layout, add, seed, 1e-12));
                    worst = Math.Max(worst, Product<float>(products, rows, columns, inner, layout, add, seed, 1e-5));
                    cases += 2;
                }
            }
        }

        var refused = 0;
        foreach (var (what, call) in new (string, Action)[]
        {
            ("a C too short", () => products.Multiply<double>(new double[6], 3, 1, new double[6], 2, new double[3], 2, 2, 2, 3, add: false)),
            ("an A too short", () => products.Multiply<double>(new double[5], 3, 1, new double[6], 2, new double[4], 2, 2, 2, 3, add: false)),
            ("an X row shorter than the columns", () => products.Multiply<float>(new float[6], 3, 1, new float[6], 1, new float[4], 2, 2, 2, 3, add: false)),
            ("no rows", () => products.Multiply<double>(new double[6], 3, 1, new double[6], 2, new double[4], 2, 0, 2, 3, add: false)),
        })
        {
            try
            {
                call();
            }
            catch (ArgumentException)
            {
                refused++;
                continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw CheckList.Fail($"Multiply with {what} threw {CheckList.Describe(e)}, not an ArgumentException");
            }

            throw CheckList.Fail($"Multiply with {what} was accepted: refuse it with an ArgumentException (KernelArguments.CheckProduct), as it would read or write outside a span");
        }

        return $"C = A X agrees with plain loops on {cases} products in float64 (within 1e-12) and float32 (within 1e-5) of the sum of the terms' sizes, "
            + $"largest difference {worst:0.0e+0}; A by row, by column and one row repeated; written and added; the same bits twice; {refused} bad calls refused with ArgumentException";
    }

    /// <summary>One product against plain loops, in <typeparamref name="T"/>; returns the largest difference relative to the terms' sizes.</summary>
    private static double Product<T>(IMatrixProducts products, int rows, int columns, int inner, string layout, bool add, int seed, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new TestNetwork(seed);
        var (aRow, aInner) = layout switch
        {
            "by row" => (inner, 1),
            "by column" => (1, rows),
            _ => (0, 1),
        };
        var (xRow, cRow) = (columns + 3, columns + 1);
        var aLength = layout == "one row repeated" ? inner : rows * inner;
        var a = Values<T>(network, aLength);
        var x = Values<T>(network, ((inner - 1) * xRow) + columns);
        var start = Values<T>(network, ((rows - 1) * cRow) + columns);
        var c = (T[])start.Clone();
        products.Multiply<T>(a, aRow, aInner, x, xRow, c, cRow, rows, columns, inner, add);
        var again = (T[])start.Clone();
        products.Multiply<T>(a, aRow, aInner, x, xRow, again, cRow, rows, columns, inner, add);
        var where = $"{typeof(T).Name}, {rows} x {columns} x {inner}, A {layout}, {(add ? "adding" : "writing")}";
        CheckList.Expect(c.AsSpan().SequenceEqual(again), () => $"the same product twice gave two results ({where})");

        var worst = 0.0;
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < columns; j++)
            {
                var (sum, size) = add ? (double.CreateTruncating(start[(r * cRow) + j]), Math.Abs(double.CreateTruncating(start[(r * cRow) + j]))) : (0.0, 0.0);
                for (var q = 0; q < inner; q++)
                {
                    var term = double.CreateTruncating(a[(r * aRow) + (q * aInner)]) * double.CreateTruncating(x[(q * xRow) + j]);
                    sum += term;
                    size += Math.Abs(term);
                }

                var computed = double.CreateTruncating(c[(r * cRow) + j]);
                var difference = Math.Abs(computed - sum) / Math.Max(size, double.Epsilon);
                CheckList.Expect(difference <= tolerance, () => $"C[{r}, {j}] is {computed:R}, {sum:R} expected ({where})");
                worst = Math.Max(worst, difference);
            }

            // The gaps between C's rows are not C's: a product must leave them as they were.
            for (var j = columns; j < cRow && (r * cRow) + j < c.Length; j++)
            {
                var index = (r * cRow) + j;
                CheckList.Expect(c[index] == start[index], () => $"C's element {index}, between rows, was written ({where})");
            }
        }

        return worst;
    }

    private static T[] Values<T>(TestNetwork network, int count)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. network.Normal(count, 1).Select(T.CreateTruncating)];
}
