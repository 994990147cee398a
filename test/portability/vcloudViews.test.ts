// A vCloud Vm, as a provider shows it, read into the normalised description the comparison judges:
// the hardware from its VirtualHardwareSection (CPU count and a reservation's speed, memory in MB,
// disks with vcloud:capacity in MB, NICs with their networks), the guest OS, the product properties,
// its name and Description. Sections it does not carry are unknown, not lost.

import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/ovf/safeXml.js';
import type { Element } from '../../src/ovf/xmlTree.js';
import { vmView } from '../../src/portability/vcloudViews.js';

const parse = (xml: string): Element => {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(r.message);
  return r.doc.documentElement!;
};

const VM = `<?xml version="1.0" encoding="UTF-8"?>
<Vm xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
    xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
    xmlns:vcloud="http://www.vmware.com/vcloud/v1.5"
    needsCustomization="false" deployed="false" status="8" name="web-1" id="urn:vcloud:vm:1" href="https://vcd.example/api/vApp/vm-1" type="application/vnd.vmware.vcloud.vm+xml">
  <Link rel="up" href="https://vcd.example/api/vApp/vapp-1" type="application/vnd.vmware.vcloud.vApp+xml"/>
  <Description>the web tier</Description>
  <ovf:VirtualHardwareSection>
    <ovf:Info>Virtual hardware requirements</ovf:Info>
    <ovf:Item><rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits><rasd:ElementName>2 virtual CPU(s)</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:Reservation>1500</rasd:Reservation><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></ovf:Item>
    <ovf:Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>1536 MB of memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>1536</rasd:VirtualQuantity></ovf:Item>
    <ovf:Item><rasd:Address>0</rasd:Address><rasd:ElementName>SCSI Controller 0</rasd:ElementName><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceSubType>lsilogic</rasd:ResourceSubType><rasd:ResourceType>6</rasd:ResourceType></ovf:Item>
    <ovf:Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:ElementName>Hard disk 1</rasd:ElementName><rasd:HostResource vcloud:capacity="3" vcloud:busType="6" vcloud:busSubType="lsilogic"></rasd:HostResource><rasd:InstanceID>2000</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></ovf:Item>
    <ovf:Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:AutomaticAllocation>true</rasd:AutomaticAllocation><rasd:Connection vcloud:ipAddressingMode="DHCP" vcloud:primaryNetworkConnection="true">frontend</rasd:Connection><rasd:ElementName>Network adapter 0</rasd:ElementName><rasd:InstanceID>4000</rasd:InstanceID><rasd:ResourceType>10</rasd:ResourceType></ovf:Item>
  </ovf:VirtualHardwareSection>
  <ovf:OperatingSystemSection ovf:id="101"><ovf:Info>The guest operating system</ovf:Info></ovf:OperatingSystemSection>
  <ovf:ProductSection ovf:class="app"><ovf:Info>Product</ovf:Info><ovf:Property ovf:key="port" ovf:type="uint16" ovf:value="8080"/></ovf:ProductSection>
  <VAppScopedLocalId>web-1</VAppScopedLocalId>
</Vm>`;

describe('vmView', () => {
  it('reads a Vm and its sections into the normalised description, in CIMI units', () => {
    const v = vmView(parse(VM));
    expect(v.fields).toEqual({
      name: 'web-1',
      description: 'the web tier',
      'cpu.count': 2,
      'cpu.speedMHz': 1500,
      memoryKiB: 1536 * 1024,
      'disks[1].name': 'Hard disk 1',
      'disks[1].capacityKB': 3146,
      'nics[1].name': 'Network adapter 0',
      'nics[1].network': 'frontend',
      'productProperties.app.port': '8080',
      'os.type': '101',
    });
    expect(v.shows.has('annotation')).toBe(false);
  });

  it('a Vm without sections shows only its name and Description: its hardware is unknown, not lost', () => {
    const v = vmView(parse('<Vm xmlns="http://www.vmware.com/vcloud/v1.5" name="bare" status="8"><Description>d</Description></Vm>'));
    expect(v.fields).toEqual({ name: 'bare', description: 'd' });
    expect([...v.shows].sort()).toEqual(['description', 'name']);
  });
});
