import { describe, expect, it } from 'vitest';
import { GPU_SELF_TEST, rendererProblem, selfTestVerdict } from '@/utils/engine/gpu-check';
import { DELEGATE_CHOICES } from '@/utils/engine/landmarks';
import { ENGINE_TEXT } from '@/utils/wording/engine';

describe('rendererProblem', () => {
  it('should skip the GPU without WebGL2 and on software renderers, and try it on hardware or a hidden one', () => {
    expect(rendererProblem(null)).toBe('no WebGL2 in workers here');
    const swiftShader = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    expect(rendererProblem({ renderer: swiftShader })).toBe(
      'WebGL here is software (SwiftShader), slower than the CPU',
    );
    expect(rendererProblem({ renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toContain('software');
    expect(rendererProblem({ renderer: 'ANGLE (NVIDIA, NVIDIA H200 Direct3D11 vs_5_0 ps_5_0)' })).toBeNull();
    expect(rendererProblem({ renderer: null })).toBeNull();
  });
});

describe('selfTestVerdict', () => {
  const budget = GPU_SELF_TEST.budgetMsPerFrame;
  it('should pass a GPU whose median blank frame is within budget, whatever one slow frame', () => {
    expect(selfTestVerdict([2, budget * 10, 3], 0)).toEqual({
      passed: true,
      medianMs: 3,
      reason: 'GPU self-test passed: 3.0 ms a blank frame',
    });
  });

  it('should fail a slow GPU, one that sees faces in a blank frame, and one with no timing', () => {
    expect(selfTestVerdict([budget + 1, budget + 2, budget + 3], 0)).toMatchObject({
      passed: false,
      reason: `GPU self-test: ${(budget + 2).toFixed(1)} ms a blank frame, over the ${budget} ms budget`,
    });
    expect(selfTestVerdict([1, 1, 1], 2).reason).toBe('GPU self-test found 2 face(s) in a blank frame');
    expect(selfTestVerdict([], 0).passed).toBe(false);
  });
});

describe('the delegate choices', () => {
  it('should each have words in the engine card, and no words without a choice', () => {
    expect(Object.keys(ENGINE_TEXT.choice)).toEqual([...DELEGATE_CHOICES]);
  });
});
