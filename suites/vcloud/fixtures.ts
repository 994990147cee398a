// The expensive set-up a test file's checks share: one uploaded VAppTemplate, or that and one vApp
// instantiated from it, stopped and undeployed. Each file declares its own (fixtures end with their file).

import { fixture } from '../../src/vcloud/check.js';
import { templatePackage } from '../../src/vcloud/packages.js';

export interface Template {
  href: string;
  name: string;
}

export interface VApp {
  template: Template;
  href: string;
  name: string;
}

export const uploadedTemplate = (file: string) =>
  fixture(`${file}: an uploaded VAppTemplate`, { creates: { VAppTemplate: 1 } }, async ({ ws }): Promise<Template> => {
    const { href, name } = await ws.template(templatePackage());
    return { href, name };
  });

export const stoppedVApp = (file: string) =>
  fixture(`${file}: a stopped vApp`, { creates: { VAppTemplate: 1, VApp: 1 } }, async ({ ws }): Promise<VApp> => {
    const t = await ws.template(templatePackage());
    const { href, name } = await ws.createVApp(t.href, { deploy: false, powerOn: false });
    return { template: { href: t.href, name: t.name }, href, name };
  });
