// Jest 30 ignores `testTimeout` inside `projects`; end-to-end tests start whole processes.
import { jest } from '@jest/globals';
jest.setTimeout(120_000);
