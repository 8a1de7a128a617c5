import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { denyAllPermissions, hardenWebContents, installSecurityHandlers } = await import('../../../src/main/security');
const { APP_ORIGIN, isSafeExternalUrl, isTrustedUrl, originOf, trustedOrigins } = await import(
  '../../../src/main/origins'
);

type OpenHandler = (details: { url: string }) => { action: string };

/** A WebContents stand-in: real event emitter plus a captured window-open handler. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | undefined;
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => {
      emitter.on(event, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: OpenHandler) => {
      openHandler = handler;
    },
  };
  const navigate = (event: string, url: string) => {
    const e = { url, preventDefault: vi.fn() };
    emitter.emit(event, e);
    return e.preventDefault.mock.calls.length > 0;
  };
  return { contents, navigate, open: (url: string) => openHandler?.({ url }), emitter };
}

function hardened(trusted = [APP_ORIGIN]) {
  const fake = fakeContents();
  const openExternal = vi.fn();
  // The fake only implements what the guards use; the real type is far larger.
  hardenWebContents(fake.contents as never, trusted, openExternal);
  return { ...fake, openExternal };
}

describe('origins', () => {
  it('accepts only app://app as the app origin', () => {
    expect(originOf('app://app/index.html')).toBe(APP_ORIGIN);
    for (const url of ['app://app.evil/', 'app://evil/', 'app://app@evil/', 'file:///etc/passwd', 'about:blank', 'javascript:alert(1)', 'not a url']) {
      expect(isTrustedUrl(url, [APP_ORIGIN]), url).toBe(false);
    }
  });

  it('trusts the dev server origin only when one is given', () => {
    expect(trustedOrigins()).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('http://localhost:5173/')).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    expect(isTrustedUrl('http://localhost:5173/x', trustedOrigins())).toBe(false);
    // "startsWith" would let this through (checklist #13).
    expect(isTrustedUrl('http://localhost:5173.evil.com/', trustedOrigins('http://localhost:5173'))).toBe(false);
  });

  it('hands only plain https links to the OS', () => {
    expect(isSafeExternalUrl('https://docs.example.com/pricing')).toBe(true);
    for (const url of ['http://example.com', 'file:///C:/Windows/System32/calc.exe', 'smb://host/share', 'ms-settings:', 'javascript:alert(1)', 'https://user:pw@example.com/']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('hardenWebContents', () => {
  it('allows navigation inside the app and prevents it anywhere else', () => {
    const { navigate } = hardened();
    expect(navigate('will-navigate', 'app://app/other.html')).toBe(false);
    for (const url of ['https://evil.example', 'javascript:alert(1)', 'file:///', 'app://app.evil/']) {
      expect(navigate('will-navigate', url), url).toBe(true);
      expect(navigate('will-frame-navigate', url), url).toBe(true);
      expect(navigate('will-redirect', url), url).toBe(true);
    }
  });

  it('denies every window.open and opens only https links externally', () => {
    const { open, openExternal } = hardened();
    expect(open('https://docs.example.com/')).toEqual({ action: 'deny' });
    expect(open('file:///C:/Windows/System32/calc.exe')).toEqual({ action: 'deny' });
    expect(open('app://app/index.html')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.example.com/']]);
  });

  it('blocks <webview> attachment', () => {
    const { emitter } = hardened();
    const event = { preventDefault: vi.fn() };
    emitter.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((contents: unknown, permission: string) => boolean) | undefined;
    let device: ((details: unknown) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    };
    denyAllPermissions(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check?.({}, permission), permission).toBe(false);
    }
    expect(device?.({})).toBe(false);
  });
});

describe('installSecurityHandlers', () => {
  it('hardens every web contents created later', () => {
    const app = new EventEmitter();
    installSecurityHandlers(app as never, [APP_ORIGIN], vi.fn());
    const fake = fakeContents();
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    app.emit('web-contents-created', {}, { ...fake.contents, session });
    expect(fake.navigate('will-navigate', 'https://evil.example')).toBe(true);
    expect(fake.open('https://x.example')).toEqual({ action: 'deny' });
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.setPermissionCheckHandler).toHaveBeenCalled();
  });
});
