/**
 * Property tests run with a fixed seed so CI is repeatable; set FC_SEED=random (or a number)
 * to explore new inputs locally. A failure prints its seed and counterexample either way.
 */
import fc from 'fast-check';

const chosen = process.env.FC_SEED;
if (chosen !== 'random') fc.configureGlobal({ seed: chosen ? Number(chosen) : 20261125 });
