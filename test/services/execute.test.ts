import assert from 'node:assert/strict';
import { canManageUserRoles, findUser, isAccountAdmin } from '../../services/accounts/roles.js';
import { DEMO } from '../../services/demo/demoData.js';
import { DomainError } from '../../services/errors.js';
import { executeMerge, markAbsorbed, previewMerge, renewalOutlook } from '../../services/merge/execute.js';
import { t } from '../../services/i18n/index.js';
import type { PartnerAccount } from '../../services/model.js';
import { deepFreeze } from '../../services/store/indexedState.js';
import { demo as demoAccounts, makeAccount, makeUser, T0, tenantGuid } from './fixtures.js';

const NOW = new Date('2020-07-01T12:00:00.000Z');

describe('merge execution', () => {
  describe("the article's worked example: Contoso (1111111) invites Fabricam (3333333)", () => {
    const { contoso, fabricam } = demoAccounts();
    const merged = executeMerge(contoso, fabricam, NOW);

    it('a. one company named Contoso, global MPN ID 1111111, four location MPN IDs', () => {
      assert.equal(merged.companyName, 'Contoso');
      assert.equal(merged.globalMpnId, '1111111');
      assert.deepEqual(
        merged.locations.map((l) => l.mpnId),
        ['2222222', '3333333', '4444444', '5555555'],
      );
      assert.equal(merged.status, 'active');
      assert.deepEqual(merged.mergedFrom, ['3333333']);
    });

    it('b. two tenants, contoso.com and fabricam.com, with access to the same account', () => {
      assert.deepEqual(
        merged.tenants.map((t) => [t.tenantId, t.domains]),
        [
          [DEMO.contoso.tenantId, ['contoso.com']],
          [DEMO.fabricam.tenantId, ['fabricam.com']],
        ],
      );
    });

    it('c. two benefit packages (2020-10-01 and 2020-12-01) renewing as one on 2020-12-01; all three competencies kept', () => {
      assert.deepEqual(
        merged.benefitPackages.map((p) => [p.originGlobalMpnId, p.expiresOn, p.competencies.length]),
        [
          ['1111111', '2020-10-01', 1],
          ['3333333', '2020-12-01', 2],
        ],
      );
      assert.equal(merged.benefitsRenewOn, '2020-12-01');
      assert.deepEqual(merged.competencies.map((c) => `${c.name}/${c.level}`).sort(), [
        'Application Development/gold',
        'Cloud Platform/gold',
        'Data Analytics/gold',
      ]);
    });

    it('at renewal: one package on 2020-12-01 keeping all three competencies, one Action Pack', () => {
      assert.deepEqual(renewalOutlook(merged), {
        on: '2020-12-01',
        actionPacks: 1,
        actionPackAnniversary: '2020-10',
        coreBenefitsPackages: 1,
        highestLevel: 'gold',
        competencies: ['Cloud Platform', 'Data Analytics', 'Application Development'],
      });
      assert.deepEqual(previewMerge(contoso, fabricam).renewal, renewalOutlook(merged));
      assert.match(
        t('en', 'merge.preview.renewal', { date: '2020-12-01' }),
        /^At renewal on 2020-12-01 the merged account is one company/,
      );
    });

    it("7. each company's admins keep managing the roles of their own tenant's users", () => {
      const { admin: cAdmin, user: cUser } = DEMO.contoso;
      const { admin: fAdmin, user: fUser } = DEMO.fabricam;
      assert.ok(canManageUserRoles(merged, cAdmin, cUser));
      assert.ok(canManageUserRoles(merged, fAdmin, fUser));
      assert.ok(!canManageUserRoles(merged, cAdmin, fUser), 'Contoso admins cannot manage @fabricam.com users');
      assert.ok(!canManageUserRoles(merged, fAdmin, cUser));
      // ...unless invited as a guest into Fabricam's tenant: that guest identity is a Fabricam-tenant user.
      const guest = makeUser(99, DEMO.fabricam.tenantId, [{ role: 'account-admin' }]);
      assert.ok(canManageUserRoles({ ...merged, users: [...merged.users, guest] }, guest, fUser));
    });

    it('users are carried over with their roles, a location-scoped incentives admin included', () => {
      assert.equal(merged.users.length, contoso.users.length + fabricam.users.length);
      const irvin = findUser(merged, DEMO.fabricam.incentivesAdmin);
      assert.deepEqual(irvin?.roles, [{ role: 'incentives-admin', scopeMpnId: '4444444' }]);
      assert.ok(
        merged.locations.some((l) => l.mpnId === '4444444'),
        'the scoped location still exists',
      );
      assert.ok(isAccountAdmin(merged, DEMO.fabricam.admin), "Fabricam's Account admin keeps the role");
    });

    it('Action Pack: June 2020 vs October 2020 keeps October 2020; both purchases retained until renewal', () => {
      assert.equal(merged.actionPackAnniversary, '2020-10');
      assert.deepEqual(merged.actionPacks, [
        { originGlobalMpnId: '1111111', anniversary: '2020-06' },
        { originGlobalMpnId: '3333333', anniversary: '2020-10' },
      ]);
    });

    it('offers, co-sell pipeline, MCP IDs (now on the PGA), specializations, vouchers and Expert MSP are retained', () => {
      assert.deepEqual(
        merged.offers.map((o) => o.offerId),
        ['contoso-backup', 'fabricam-insights', 'fabricam-devops'],
      );
      assert.equal(merged.coSellPipelineCount, 8);
      assert.deepEqual(
        merged.mcpIds.map((m) => [m.mcpId, m.associatedMpnId, m.originGlobalMpnId]),
        [
          ['900001', '1111111', '1111111'],
          ['900002', '1111111', '3333333'],
        ],
      );
      assert.deepEqual(
        merged.advancedSpecializations.map((s) => s.name),
        ['Windows Server and SQL Server Migration to Microsoft Azure', 'Kubernetes on Microsoft Azure'],
      );
      assert.deepEqual(
        merged.softwareAssuranceVouchers.map((v) => v.voucherId),
        ['SA-C-0001', 'SA-F-0001'],
      );
      assert.deepEqual(merged.azureExpertMsp, [{ originGlobalMpnId: '1111111', benefitsExpireOn: '2021-03-31' }]);
      assert.equal(merged.watchers.length, 2);
    });

    it('the preview shows the same outcome before anyone commits', () => {
      const p = previewMerge(contoso, fabricam);
      assert.deepEqual(p.pga, { globalMpnId: '1111111', companyName: 'Contoso' });
      assert.deepEqual(p.absorbed, { globalMpnId: '3333333', companyName: 'Fabricam' });
      assert.equal(p.irreversible, true);
      assert.deepEqual(p.advice, ['check-bank-and-tax', 'licenses-stay-in-tenant']);
      assert.deepEqual(
        p.locations.map((l) => [l.mpnId, l.side, l.formerGlobal]),
        [
          ['2222222', 'initiator', false],
          ['3333333', 'invited', true],
          ['4444444', 'invited', false],
          ['5555555', 'invited', false],
        ],
      );
      assert.deepEqual(
        p.tenants.map((t) => [t.domains[0], t.side]),
        [
          ['contoso.com', 'initiator'],
          ['fabricam.com', 'invited'],
        ],
      );
      assert.deepEqual(
        p.benefitPackages.map((b) => [b.expiresOn, b.side]),
        [
          ['2020-10-01', 'initiator'],
          ['2020-12-01', 'invited'],
        ],
      );
      assert.equal(p.benefitsRenewOn, '2020-12-01');
      assert.deepEqual(p.actionPack, { kept: '2020-10', initiator: '2020-06', invited: '2020-10' });
      assert.deepEqual(p.users, { initiator: 3, invited: 3, total: 6 });
      assert.deepEqual(p.retained.coSellPipeline, { initiator: 5, invited: 3, total: 8 });
      assert.deepEqual(p.retained.offers, { initiator: 1, invited: 2, total: 3 });
      assert.equal(p.competencies.length, 3);
      assert.ok(p.competencies.every((c) => !c.upgraded));
      assert.deepEqual({ ...p.result, updatedAt: NOW.toISOString() }, merged);
    });
  });

  describe('rules', () => {
    it('same competency at different levels: the highest is awarded, both benefit sets kept until renewal', () => {
      const silver = makeAccount('1000001', {
        competencies: [{ name: 'Security', level: 'silver', benefitsExpireOn: '2021-05-01' }],
      });
      const gold = makeAccount('1000002', {
        competencies: [{ name: 'security ', level: 'gold', benefitsExpireOn: '2021-02-01' }],
      });
      for (const [a, b] of [
        [silver, gold],
        [gold, silver],
      ] as const) {
        const merged = executeMerge(a, b, NOW);
        assert.deepEqual(
          merged.competencies.map((c) => c.level),
          ['gold'],
        );
        assert.deepEqual(merged.benefitPackages.map((p) => p.competencies[0]?.level).sort(), ['gold', 'silver']);
        assert.equal(merged.benefitsRenewOn, '2021-05-01');
      }
      const preview = previewMerge(silver, gold);
      assert.deepEqual(preview.competencies, [
        {
          name: 'security ',
          level: 'gold',
          levels: [
            { side: 'initiator', level: 'silver' },
            { side: 'invited', level: 'gold' },
          ],
          upgraded: true,
        },
      ]);
    });

    it('a person present in both accounts keeps the union of roles; a shared tenant is listed once', () => {
      const tenant = tenantGuid(5);
      const a = makeAccount('1000001', {
        tenants: [{ tenantId: tenant, domains: ['a.example'] }],
        users: [makeUser(1, tenant, [{ role: 'account-admin' }])],
      });
      const b = makeAccount('1000002', {
        tenants: [{ tenantId: tenant.toUpperCase(), domains: ['b.example'] }],
        users: [makeUser(1, tenant, [{ role: 'incentives-admin' }, { role: 'account-admin' }])],
      });
      const merged = executeMerge(a, b, NOW);
      assert.equal(merged.tenants.length, 1);
      assert.deepEqual(merged.tenants[0]?.domains, ['a.example', 'b.example']);
      assert.deepEqual(merged.users[0]?.roles, [{ role: 'account-admin' }, { role: 'incentives-admin' }]);
    });

    it('accounts without Action Pack or competencies merge cleanly', () => {
      const merged = executeMerge(
        makeAccount('1000001'),
        makeAccount('1000002', { actionPackAnniversary: '2021-01' }),
        NOW,
      );
      assert.equal(merged.actionPackAnniversary, '2021-01');
      assert.equal(merged.benefitsRenewOn, undefined);
      assert.deepEqual(merged.benefitPackages, []);
    });

    it('a second merge keeps where earlier items came from', () => {
      const { contoso, fabricam, northwind } = demoAccounts();
      const first = executeMerge(contoso, fabricam, NOW);
      const second = executeMerge(first, northwind, NOW);
      assert.deepEqual(second.mergedFrom, ['3333333', '7777777']);
      assert.deepEqual(
        second.locations.map((l) => `${l.mpnId}<${l.originGlobalMpnId ?? ''}`),
        [
          '2222222<1111111',
          '3333333<3333333',
          '4444444<3333333',
          '5555555<3333333',
          '7777777<7777777',
          '8888888<7777777',
        ],
      );
      assert.equal(second.benefitPackages.length, 3);
      const preview = previewMerge(first, northwind);
      assert.deepEqual(
        preview.locations.filter((l) => l.side === 'invited').map((l) => l.mpnId),
        ['7777777', '8888888'],
      );
    });

    it('is pure: frozen inputs are not changed and the same inputs give the same output', () => {
      const { contoso, fabricam } = demoAccounts();
      const a = deepFreeze(structuredClone(contoso));
      const b = deepFreeze(structuredClone(fabricam));
      assert.deepEqual(executeMerge(a, b, NOW), executeMerge(contoso, fabricam, NOW));
      assert.deepEqual(a, contoso);
    });

    it('refuses a self-merge and an already absorbed account', () => {
      const { contoso, fabricam } = demoAccounts();
      assert.throws(
        () => executeMerge(contoso, contoso, NOW),
        (e: unknown) => e instanceof DomainError && e.code === 'self-merge',
      );
      const absorbed: PartnerAccount = markAbsorbed(fabricam, contoso, T0);
      assert.equal(absorbed.status, 'merged');
      assert.equal(absorbed.mergedInto, '1111111');
      assert.throws(
        () => previewMerge(contoso, absorbed),
        (e: unknown) => e instanceof DomainError && e.code === 'account-not-active',
      );
    });
  });

  it('demo accounts match the article\'s "before" state', () => {
    const { contoso, fabricam } = demoAccounts();
    assert.deepEqual(
      [contoso.globalMpnId, contoso.locations.map((l) => l.mpnId), contoso.tenants[0]?.domains],
      ['1111111', ['2222222'], ['contoso.com']],
    );
    assert.deepEqual(
      [fabricam.globalMpnId, fabricam.locations.map((l) => l.mpnId), fabricam.tenants[0]?.domains],
      ['3333333', ['4444444', '5555555'], ['fabricam.com']],
    );
    assert.deepEqual(
      contoso.competencies.map((c) => [c.level, c.benefitsExpireOn]),
      [['gold', '2020-10-01']],
    );
    assert.deepEqual(
      fabricam.competencies.map((c) => [c.level, c.benefitsExpireOn]),
      [
        ['gold', '2020-12-01'],
        ['gold', '2020-12-01'],
      ],
    );
  });
});
