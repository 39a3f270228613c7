using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>The checks of single steps: resuming, out of place, clipping, zero gradients and the learning rate.</summary>
internal static partial class OptimizerChecks
{
    /// <summary>
    /// Seven steps, the state copied as a checkpoint saves it, six more; then a fresh optimizer given the copy makes the
    /// same six steps from the same parameters: both must end with the same bits.
    /// </summary>
    private static string Resume(Func<int, IOptimizer> create)
    {
        foreach (var count in RunCounts)
        {
            var network = new TestNetwork(count + 1);
            var gradients = Enumerable.Range(0, 13).Select(_ => network.Gradient(count, 2)).ToArray();
            var original = create(count);
            var parameters = network.Values(count);
            for (var step = 0; step < 7; step++)
            {
                HostStep(original, parameters, gradients[step]);
            }

            var saved = (double[])parameters.Clone();
            var state = original.State.Select(b => (b.Name, Values: (double[])b.Values.Clone())).ToList();
            for (var step = 7; step < 13; step++)
            {
                HostStep(original, parameters, gradients[step]);
            }

            var resumed = create(count);
            var buffers = resumed.State;
            CheckList.Expect(buffers.Select(b => (b.Name, b.Values.Length)).SequenceEqual(state.Select(b => (b.Name, b.Values.Length))), () =>
                $"a fresh optimizer's state ({Show(Layout(resumed))}) does not fit the one saved after 7 steps ({string.Join(", ", state.Select(b => $"{b.Name}[{b.Values.Length}]"))})");
            for (var i = 0; i < buffers.Count; i++)
            {
                state[i].Values.CopyTo(buffers[i].Values, 0);
            }

            for (var step = 7; step < 13; step++)
            {
                HostStep(resumed, saved, gradients[step]);
            }

            var at = Bits.FirstDifference(parameters, saved);
            CheckList.Expect(at < 0, () =>
                $"for {Parameters(count)}, 6 steps after restoring the state saved at step 7 differ from 6 steps without stopping, {Bits.Show(parameters, saved, at)}: "
                + "all the optimizer's state (a step count too) must be in its State buffers");
            for (var i = 0; i < buffers.Count; i++)
            {
                var where = Bits.FirstDifference(original.State[i].Values, buffers[i].Values);
                CheckList.Expect(where < 0, () => $"for {Parameters(count)} the state buffer {buffers[i].Name} differs after resuming, {Bits.Show(original.State[i].Values, buffers[i].Values, where)}");
            }
        }

        return $"the state saved after 7 steps and written into a fresh optimizer continues bit for bit over 6 more ({string.Join(" and ", RunCounts.Select(c => c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} parameters)";
    }

    /// <summary>Out of place: the same bits as in place, the input parameters and the gradient left alone.</summary>
    private static string OutOfPlace(Func<int, IOptimizer> create)
    {
        foreach (var count in Counts)
        {
            if (create(count) is not IClippingOptimizer inPlace)
            {
                throw CheckList.Skip("it does not implement IClippingOptimizer: rnntui clamps the gradient and copies the parameters itself");
            }

            var outOfPlace = (IClippingOptimizer)create(count);
            var network = new TestNetwork(count + 2);
            var a = network.Values(count);
            var b = (double[])a.Clone();
            for (var step = 1; step <= 8; step++)
            {
                var gradient = network.Gradient(count, 8);
                var unchanged = (double[])gradient.Clone();
                inPlace.Step(a, a, gradient, Clip);
                var before = (double[])b.Clone();
                var updated = new double[count];
                Array.Fill(updated, double.NaN);
                outOfPlace.Step(b, updated, gradient, Clip);
                var at = Bits.FirstDifference(a, updated);
                CheckList.Expect(at < 0, () => $"for {Parameters(count)}, step {step} out of place differs from in place, {Bits.Show(a, updated, at)}");
                CheckList.Expect(Bits.FirstDifference(before, b) < 0, () => $"for {Parameters(count)}, step {step} out of place changed the parameters it read");
                CheckList.Expect(Bits.FirstDifference(unchanged, gradient) < 0, () => $"for {Parameters(count)}, step {step} changed the gradient");
                b = updated;
            }
        }

        return $"8 steps writing to another buffer give the bits of 8 in place and leave their input alone ({CountsText})";
    }

    /// <summary>
    /// An <see cref="IRangeOptimizer"/>'s step in ranges: <see cref="IRangeOptimizer.BeginStep"/> and then three
    /// uneven ranges, stepped last first and every other step out of place, give the bits of one whole
    /// <see cref="IClippingOptimizer.Step"/>, parameters and state alike.
    /// </summary>
    private static string Ranges(Func<int, IOptimizer> create)
    {
        foreach (var count in Counts)
        {
            if (create(count) is not IRangeOptimizer ranged)
            {
                throw CheckList.Skip("it does not implement IRangeOptimizer: rnntui steps all the parameters on one thread");
            }

            var whole = (IRangeOptimizer)create(count);
            var network = new TestNetwork(count + 4);
            var a = network.Values(count);
            var b = (double[])a.Clone();
            for (var step = 1; step <= 8; step++)
            {
                var gradient = network.Gradient(count, 8);
                whole.Step(a, a, gradient, Clip);
                var updated = step % 2 == 0 ? b : new double[count];
                ranged.BeginStep();
                int[] cuts = [0, count / 3, Math.Min(count, (2 * count / 3) + (step % 2)), count];
                for (var r = cuts.Length - 2; r >= 0; r--)
                {
                    var (start, length) = (cuts[r], cuts[r + 1] - cuts[r]);
                    ranged.StepRange(start, b.AsSpan(start, length), updated.AsSpan(start, length), gradient.AsSpan(start, length), Clip);
                }

                b = updated;
                var at = Bits.FirstDifference(a, b);
                CheckList.Expect(at < 0, () => $"for {Parameters(count)}, step {step} in the ranges [{string.Join(", ", cuts)}] differs from one whole step, {Bits.Show(a, b, at)}");
                foreach (var (expected, actual) in whole.State.Zip(ranged.State))
                {
                    var differs = Bits.FirstDifference(expected.Values, actual.Values);
                    CheckList.Expect(differs < 0, () => $"for {Parameters(count)}, after step {step} in ranges the state {expected.Name} differs from one whole step's, {Bits.Show(expected.Values, actual.Values, differs)}");
                }
            }
        }

        return $"BeginStep and three ranges stepped in any order, in place or not, give the bits of 8 whole steps, state included ({CountsText})";
    }

    /// <summary>Clamping as it reads: the same bits as <see cref="IOptimizer.Step"/> given the clamped gradient.</summary>
    private static string Clipping(Func<int, IOptimizer> create)
    {
        const double clip = 0.5;
        foreach (var count in Counts)
        {
            if (create(count) is not IClippingOptimizer clipping)
            {
                throw CheckList.Skip("it does not implement IClippingOptimizer: rnntui clamps the gradient itself");
            }

            var plain = create(count);
            var network = new TestNetwork(count + 3);
            var a = network.Values(count);
            var b = (double[])a.Clone();
            for (var step = 1; step <= 8; step++)
            {
                var gradient = network.Gradient(count, 2);
                clipping.Step(a, a, gradient, clip);
                plain.Step(b, Clamped(gradient, clip));
                var at = Bits.FirstDifference(b, a);
                CheckList.Expect(at < 0, () =>
                    $"for {Parameters(count)}, step {step} clamping to [-{clip}, {clip}] as it reads differs from Step given the clamped gradient, {Bits.Show(b, a, at)}");
            }
        }

        return $"8 steps clamping to [-0.5, 0.5] as they read give the bits of Step on the clamped gradient ({CountsText})";
    }

    /// <summary>With the defaults, a fresh optimizer given zero gradients leaves every parameter as it is.</summary>
    private static string ZeroGradients(Func<int, IOptimizer> create, IReadOnlyDictionary<string, string> defaults)
    {
        foreach (var count in Counts)
        {
            var optimizer = create(count);
            var network = new TestNetwork(count + 4);
            var parameters = network.Values(count);
            var start = (double[])parameters.Clone();
            var zero = new double[count];
            for (var step = 1; step <= 3; step++)
            {
                optimizer.Step(parameters, zero);
                if (optimizer is IClippingOptimizer clipping)
                {
                    clipping.Step(parameters, parameters, zero, Clip);
                }

                var at = Bits.FirstDifference(start, parameters);
                CheckList.Expect(at < 0, () => $"for {Parameters(count)}, zero gradients moved a parameter at step {step}, {Bits.Show(start, parameters, at)}");
            }
        }

        return $"3 steps on zero gradients move no parameter, with the defaults ({SettingsChecks.Describe(defaults)})";
    }

    /// <summary>
    /// An <see cref="ILearningRateOptimizer"/>: the rate it read is finite and positive, writing that rate back changes
    /// nothing (the host writes the scheduled rate before each step), and writing half of it changes the step.
    /// </summary>
    private static string LearningRate(Func<int, IOptimizer> create)
    {
        const int count = 1031;
        if (create(count) is not ILearningRateOptimizer probe)
        {
            throw CheckList.Skip("it does not implement ILearningRateOptimizer, so rnntui refuses learning-rate schedules for it");
        }

        var rate = probe.LearningRate;
        CheckList.Expect(double.IsFinite(rate) && rate > 0, () => $"LearningRate is {rate:R}, not a finite rate > 0");
        var network = new TestNetwork(count + 5);
        var start = network.Values(count);
        var gradient = network.Gradient(count, 2);
        double[] After(double? written)
        {
            var optimizer = (ILearningRateOptimizer)create(count);
            if (written is { } value)
            {
                optimizer.LearningRate = value;
                CheckList.Expect(optimizer.LearningRate == value, () => $"LearningRate was set to {value:R} and reads {optimizer.LearningRate:R}");
            }

            var parameters = (double[])start.Clone();
            HostStep(optimizer, parameters, gradient);
            return parameters;
        }

        var untouched = After(null);
        var rewritten = After(rate);
        var at = Bits.FirstDifference(untouched, rewritten);
        CheckList.Expect(at < 0, () => $"writing back the rate it read ({rate:R}) changed the step, {Bits.Show(untouched, rewritten, at)}");
        var halved = After(rate / 2);
        var full = untouched.Zip(start, (p, s) => Math.Abs(p - s)).Sum();
        var half = halved.Zip(start, (p, s) => Math.Abs(p - s)).Sum();
        CheckList.Expect(Bits.FirstDifference(untouched, halved) >= 0, () => $"setting LearningRate to {rate / 2:R} (half of {rate:R}) left the step as it was");
        return $"LearningRate {rate:R} is used: writing it back changes nothing, halving it scales the first step by {half / full:0.####}";
    }
}
