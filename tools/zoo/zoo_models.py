"""Model definitions for tools/zoo/make_zoo.py.

Each entry of CASES is a Case: a builder returning an nn.Module (built right after
torch.manual_seed), the input shapes, the opset and export options. Weights are
torchvision's default random init, then re-randomized by make_zoo.py (constant
params such as zero biases / unit norm weights are redrawn, BatchNorm running
statistics are calibrated on random data and then perturbed).
"""
import importlib
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Dict, List, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision.models._utils import IntermediateLayerGetter

# import the modules themselves (torchvision.models.googlenet is also a function name)
tv_resnet = importlib.import_module("torchvision.models.resnet")
tv_squeezenet = importlib.import_module("torchvision.models.squeezenet")
tv_googlenet = importlib.import_module("torchvision.models.googlenet")
tv_efficientnet = importlib.import_module("torchvision.models.efficientnet")
tv_regnet = importlib.import_module("torchvision.models.regnet")
tv_convnext = importlib.import_module("torchvision.models.convnext")
tv_lraspp = importlib.import_module("torchvision.models.segmentation.lraspp")
tv_deeplab = importlib.import_module("torchvision.models.segmentation.deeplabv3")
tv_fcn = importlib.import_module("torchvision.models.segmentation.fcn")


@dataclass
class Case:
    name: str
    build: Callable[[], nn.Module]
    inputs: "OrderedDict[str, Tuple[int, ...]]"
    opset: int = 13
    large: bool = False
    dynamic_axes: Optional[Dict[str, Dict[int, str]]] = None
    output_names: List[str] = field(default_factory=lambda: ["output"])
    # input name -> "mask" for a 0/1 float mask instead of N(0, 1)
    input_kinds: Dict[str, str] = field(default_factory=dict)
    # what the case covers (README)
    about: str = ""
    # seeds come from crc32(seed_key or name); variants (op13/op17) share weights and input
    seed_key: Optional[str] = None


def one(shape):
    return OrderedDict([("input", tuple(shape))])


# --------------------------------------------------------------------------------------
# wrappers

class SegOut(nn.Module):
    """torchvision segmentation models return {"out": ...}; export only "out"."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


# --------------------------------------------------------------------------------------
# classification families

class SmallResNet(tv_resnet.ResNet):
    """torchvision ResNet (same forward, same _make_layer, torchvision BasicBlock) with
    stage widths `widths` instead of 64/128/256/512."""

    def __init__(self, block, layers, widths, num_classes=10):
        nn.Module.__init__(self)
        norm_layer = nn.BatchNorm2d
        self._norm_layer = norm_layer
        self.inplanes = widths[0]
        self.dilation = 1
        self.groups = 1
        self.base_width = 64
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = norm_layer(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, widths[0], layers[0])
        self.layer2 = self._make_layer(block, widths[1], layers[1], stride=2)
        self.layer3 = self._make_layer(block, widths[2], layers[2], stride=2)
        self.layer4 = self._make_layer(block, widths[3], layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(widths[3] * block.expansion, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")


def resnet18_w6():
    return SmallResNet(tv_resnet.BasicBlock, [2, 2, 2, 2], [6, 12, 24, 48])


class SqueezeNet11Quarter(nn.Module):
    """torchvision squeezenet1_1 layout (Fire modules, MaxPool ceil_mode=True, conv
    classifier + AdaptiveAvgPool) with every channel count divided by 4."""

    def __init__(self, num_classes=10):
        super().__init__()
        Fire = tv_squeezenet.Fire
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, kernel_size=3, stride=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
            Fire(16, 4, 16, 16),
            Fire(32, 4, 16, 16),
            nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
            Fire(32, 8, 32, 32),
            Fire(64, 8, 32, 32),
            nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
            Fire(64, 12, 48, 48),
            Fire(96, 12, 48, 48),
            Fire(96, 16, 64, 64),
            Fire(128, 16, 64, 64),
        )
        final_conv = nn.Conv2d(128, num_classes, kernel_size=1)
        self.classifier = nn.Sequential(
            nn.Dropout(p=0.5), final_conv, nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d((1, 1))
        )

    def forward(self, x):
        x = self.features(x)
        x = self.classifier(x)
        return torch.flatten(x, 1)


class TinyGoogLeNet(nn.Module):
    """GoogLeNet layout with torchvision's BasicConv2d / Inception modules (4 branches,
    MaxPool ceil_mode=True) at about 1/8 of the channels, no aux heads."""

    def __init__(self, num_classes=10):
        super().__init__()
        B = tv_googlenet.BasicConv2d
        I = tv_googlenet.Inception
        self.conv1 = B(3, 16, kernel_size=7, stride=2, padding=3)
        self.maxpool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.conv2 = B(16, 16, kernel_size=1)
        self.conv3 = B(16, 32, kernel_size=3, padding=1)
        self.maxpool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception3a = I(32, 8, 12, 16, 4, 8, 8)       # -> 40
        self.inception3b = I(40, 16, 16, 24, 4, 12, 8)     # -> 60
        self.maxpool3 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception4a = I(60, 24, 12, 26, 4, 6, 8)      # -> 64
        self.inception4b = I(64, 20, 14, 28, 4, 8, 8)      # -> 64
        self.maxpool4 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.inception5a = I(64, 32, 20, 40, 4, 16, 16)    # -> 104
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(0.2)
        self.fc = nn.Linear(104, num_classes)

    def forward(self, x):
        x = self.maxpool1(self.conv1(x))
        x = self.maxpool2(self.conv3(self.conv2(x)))
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        x = self.maxpool4(self.inception4b(self.inception4a(x)))
        x = self.inception5a(x)
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(self.dropout(x))


def efficientnet_b0_w015():
    setting, last_channel = tv_efficientnet._efficientnet_conf("efficientnet_b0", width_mult=0.15, depth_mult=0.4)
    return tv_efficientnet.EfficientNet(setting, dropout=0.2, stochastic_depth_prob=0.2, num_classes=10,
                                        last_channel=last_channel)


def regnet_x_tiny():
    # regnet_x_400mf is depth=22, w_0=24, w_a=24.48, w_m=2.54, group_width=16
    params = tv_regnet.BlockParams.from_init_params(depth=7, w_0=16, w_a=8.0, w_m=2.0, group_width=8)
    return tv_regnet.RegNet(params, num_classes=10, stem_width=16)


def convnext_tiny_small():
    CN = tv_convnext.CNBlockConfig
    setting = [CN(8, 16, 1), CN(16, 24, 1), CN(24, 32, 2), CN(32, None, 1)]
    return tv_convnext.ConvNeXt(setting, stochastic_depth_prob=0.1, layer_scale=0.5, num_classes=10)


def densenet_tiny():
    return torchvision.models.DenseNet(growth_rate=8, block_config=(2, 3, 4, 3), num_init_features=16,
                                       bn_size=2, num_classes=10)


# --------------------------------------------------------------------------------------
# segmentation

def _mbv3_large_backbone(width_mult):
    return torchvision.models.mobilenet_v3_large(width_mult=width_mult, dilated=True, reduced_tail=True).features


def _stages(features):
    # as torchvision.models.segmentation.{lraspp,deeplabv3}._*_mobilenetv3
    idx = [0] + [i for i, b in enumerate(features) if getattr(b, "_is_cn", False)] + [len(features) - 1]
    return idx[-4], idx[-1]


def lraspp_tiny():
    """torchvision LRASPP on a mobilenet_v3_large(width_mult=0.2, dilated=True, reduced_tail=True)
    backbone, inter_channels 32 (torchvision: 128)."""
    feats = _mbv3_large_backbone(0.2)
    low, high = _stages(feats)
    low_ch, high_ch = feats[low].out_channels, feats[high].out_channels
    backbone = IntermediateLayerGetter(feats, return_layers={str(low): "low", str(high): "high"})
    return SegOut(tv_lraspp.LRASPP(backbone, low_ch, high_ch, num_classes=3, inter_channels=32))


def deeplabv3_tiny():
    """torchvision DeepLabV3 + ASPP (rates 2/3/4, 16 channels; torchvision: 12/24/36, 256)
    on a mobilenet_v3_large(width_mult=0.2, dilated=True, reduced_tail=True) backbone."""
    feats = _mbv3_large_backbone(0.2)
    _, high = _stages(feats)
    high_ch = feats[high].out_channels
    backbone = IntermediateLayerGetter(feats, return_layers={str(high): "out"})
    head = nn.Sequential(  # torchvision DeepLabHead with 16 instead of 256 channels
        tv_deeplab.ASPP(high_ch, [2, 3, 4], out_channels=16),
        nn.Conv2d(16, 16, 3, padding=1, bias=False),
        nn.BatchNorm2d(16),
        nn.ReLU(),
        nn.Conv2d(16, 3, 1),
    )
    return SegOut(tv_deeplab.DeepLabV3(backbone, head, None))


def fcn_tiny():
    """torchvision FCN + FCNHead on a small ResNet (BasicBlock [1,1,1,1], widths 6..48)."""
    r = SmallResNet(tv_resnet.BasicBlock, [1, 1, 1, 1], [6, 12, 24, 48])
    backbone = IntermediateLayerGetter(r, return_layers={"layer4": "out"})
    return SegOut(tv_fcn.FCN(backbone, tv_fcn.FCNHead(48, 3), None))


def lraspp_full():
    return SegOut(torchvision.models.segmentation.lraspp_mobilenet_v3_large(num_classes=3, weights_backbone=None))


def deeplabv3_full():
    return SegOut(torchvision.models.segmentation.deeplabv3_mobilenet_v3_large(
        num_classes=3, weights_backbone=None, aux_loss=False))


# --------------------------------------------------------------------------------------
# custom patterns

def cbr(cin, cout, k=3, s=1, p=None, d=1, g=1):
    if p is None:
        p = d * (k - 1) // 2
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, p, dilation=d, groups=g, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TinyUNet(nn.Module):
    """U-Net, 3 levels; decoder upsamples with ConvTranspose2d: k2 s2; k3 s2 p1 output_padding=1
    groups=4; k3 s2 p2 dilation=2 output_padding=1."""

    def __init__(self, c=(8, 16, 24, 32), n_out=1):
        super().__init__()
        c0, c1, c2, c3 = c
        self.enc0 = nn.Sequential(cbr(3, c0), cbr(c0, c0))
        self.enc1 = nn.Sequential(nn.MaxPool2d(2), cbr(c0, c1), cbr(c1, c1))
        self.enc2 = nn.Sequential(nn.MaxPool2d(2), cbr(c1, c2), cbr(c2, c2))
        self.bott = nn.Sequential(cbr(c2, c3, s=2), cbr(c3, c3, d=2))
        self.up2 = nn.ConvTranspose2d(c3, c2, kernel_size=2, stride=2)
        self.dec2 = cbr(2 * c2, c2)
        self.up1 = nn.ConvTranspose2d(c2, c1, kernel_size=3, stride=2, padding=1, output_padding=1, groups=4)
        self.dec1 = cbr(2 * c1, c1)
        self.up0 = nn.ConvTranspose2d(c1, c0, kernel_size=3, stride=2, padding=2, dilation=2, output_padding=1)
        self.dec0 = cbr(2 * c0, c0)
        self.head = nn.Conv2d(c0, n_out, 1)

    def forward(self, x):
        e0 = self.enc0(x)
        e1 = self.enc1(e0)
        e2 = self.enc2(e1)
        b = self.bott(e2)
        d2 = self.dec2(torch.cat([self.up2(b), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        d0 = self.dec0(torch.cat([self.up0(d1), e0], 1))
        return self.head(d0)


class SuperResolutionNet(nn.Module):
    """The PyTorch / ONNX super-resolution example (ESPCN-style); upscale 2 here (the example
    uses 3) to keep the output file small."""

    def __init__(self, upscale_factor=2):
        super().__init__()
        self.relu = nn.ReLU()
        self.conv1 = nn.Conv2d(1, 64, (5, 5), (1, 1), (2, 2))
        self.conv2 = nn.Conv2d(64, 64, (3, 3), (1, 1), (1, 1))
        self.conv3 = nn.Conv2d(64, 32, (3, 3), (1, 1), (1, 1))
        self.conv4 = nn.Conv2d(32, upscale_factor ** 2, (3, 3), (1, 1), (1, 1))
        self.pixel_shuffle = nn.PixelShuffle(upscale_factor)
        nn.init.orthogonal_(self.conv1.weight, nn.init.calculate_gain("relu"))
        nn.init.orthogonal_(self.conv2.weight, nn.init.calculate_gain("relu"))
        nn.init.orthogonal_(self.conv3.weight, nn.init.calculate_gain("relu"))
        nn.init.orthogonal_(self.conv4.weight)

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.relu(self.conv3(x))
        return self.pixel_shuffle(self.conv4(x))


class DynamicFCN(nn.Module):
    """Fully convolutional; exported with batch/height/width dynamic. Two stride-2 stages,
    a channel gate from AdaptiveMaxPool2d(1) (GlobalMaxPool: torch emits it only when H, W
    are dynamic) and AdaptiveAvgPool2d(1), then nearest x2 + skip add, bilinear x2
    (scale_factor, so Resize uses scales)."""

    def __init__(self):
        super().__init__()
        self.s0 = cbr(3, 16)
        self.s1 = cbr(16, 24, s=2)
        self.s2 = nn.Sequential(cbr(24, 32, s=2), cbr(32, 32, g=4))
        self.gate = nn.Conv2d(32, 32, 1)
        self.lat = nn.Conv2d(32, 24, 1)
        self.fuse = cbr(24, 16)
        self.head = nn.Conv2d(16, 4, 3, padding=1)

    def forward(self, x):
        a = self.s1(self.s0(x))
        b = self.s2(a)
        b = b * torch.sigmoid(self.gate(F.adaptive_max_pool2d(b, 1) - F.adaptive_avg_pool2d(b, 1)))
        y = F.interpolate(self.lat(b), scale_factor=2.0, mode="nearest") + a
        y = F.interpolate(self.fuse(y), scale_factor=2.0, mode="bilinear", align_corners=False)
        return self.head(y)


class Opset11Net(nn.Module):
    """For opset 11: ReflectionPad2d (Pad reflect, pads as input), ReLU6 (Clip with min/max
    inputs), bilinear Upsample align_corners=True (Resize align_corners), torch.split
    (Split with a split attribute), mean over H,W (ReduceMean with axes attribute),
    Softmax over channels (opset<13 Softmax semantics), squeeze/unsqueeze (axes attributes)."""

    def __init__(self):
        super().__init__()
        self.pad = nn.ReflectionPad2d((1, 2, 2, 1))
        self.c1 = nn.Conv2d(3, 16, 3, stride=2)
        self.bn1 = nn.BatchNorm2d(16)
        self.act = nn.ReLU6()
        self.c2 = nn.Conv2d(16, 16, 3, padding=1, groups=16)
        self.c3 = nn.Conv2d(10, 8, 1)
        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)
        self.fc = nn.Linear(6, 8)

    def forward(self, x):
        y = self.act(self.bn1(self.c1(self.pad(x))))
        y = self.act(self.c2(y))
        a, b = torch.split(y, [10, 6], dim=1)
        g = b.mean(dim=(2, 3))                          # [N, 6]
        g = torch.sigmoid(self.fc(g)).unsqueeze(-1).unsqueeze(-1)
        z = self.c3(a) * g
        z = self.up(z)
        return torch.cat([z, torch.softmax(z, dim=1)], 1)


class Conv1dNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(4, 16, 7, padding=3)
        self.bn1 = nn.BatchNorm1d(16)                # folded into c1
        self.mp = nn.MaxPool1d(3, stride=2, padding=1)
        self.bn2 = nn.BatchNorm1d(16)                # after a pool: stays BatchNormalization
        self.c2 = nn.Conv1d(16, 24, 5, stride=2, padding=4, dilation=2, groups=4)
        self.ap = nn.AvgPool1d(4, stride=2, padding=1, count_include_pad=False)
        self.c3 = nn.Conv1d(24, 32, 3, padding=1)
        self.aap = nn.AdaptiveAvgPool1d(4)
        self.gap = nn.AdaptiveAvgPool1d(1)
        self.fc1 = nn.Linear(32 * 4 + 32, 24)
        self.bn3 = nn.BatchNorm1d(24)                # on [N, C]
        self.fc2 = nn.Linear(24, 10)

    def forward(self, x):
        x = self.bn2(self.mp(F.relu(self.bn1(self.c1(x)))))
        x = self.ap(F.relu(self.c2(x)))
        x = F.relu(self.c3(x))
        y = torch.cat([torch.flatten(self.aap(x), 1), torch.flatten(self.gap(x), 1)], 1)
        return self.fc2(F.relu(self.bn3(self.fc1(y))))


class TwoInputNet(nn.Module):
    """image [N,3,H,W] and a 0/1 mask [N,1,H,W]: masking, concat, a mask-derived gate."""

    def __init__(self):
        super().__init__()
        self.enc = cbr(4, 16)
        self.gate = nn.Conv2d(1, 16, 3, padding=1)
        self.mid = cbr(16, 16, s=2)
        self.head = nn.Conv2d(16, 3, 3, padding=1)

    def forward(self, image, mask):
        x = self.enc(torch.cat([image * mask, mask], dim=1))
        x = x * torch.sigmoid(self.gate(mask))
        x = self.mid(x)
        x = F.interpolate(x, scale_factor=2.0, mode="nearest")
        return self.head(x) * (1 - mask) + image * mask


class ActivationNet(nn.Module):
    """One 1x1-conv branch per activation, concatenated; Softmax and LogSoftmax over channels."""

    def __init__(self, c=8):
        super().__init__()
        self.stem = nn.Conv2d(c, 16, 3, padding=1)
        acts = OrderedDict([
            ("relu", nn.ReLU()),
            ("leaky_relu", nn.LeakyReLU(0.1)),
            ("prelu", nn.PReLU(num_parameters=4)),
            ("elu", nn.ELU(alpha=0.7)),
            ("selu", nn.SELU()),
            ("softplus", nn.Softplus()),
            ("softplus_beta2", nn.Softplus(beta=2.0, threshold=10.0)),
            ("tanh", nn.Tanh()),
            ("sigmoid", nn.Sigmoid()),
            ("mish", nn.Mish()),
            ("hardswish", nn.Hardswish()),
            ("hardsigmoid", nn.Hardsigmoid()),
            ("gelu", nn.GELU()),
            ("gelu_tanh", nn.GELU(approximate="tanh")),
            ("silu", nn.SiLU()),
            ("relu6", nn.ReLU6()),
            ("hardtanh", nn.Hardtanh(-0.5, 0.5)),
        ])
        self.names = list(acts)
        self.convs = nn.ModuleList([nn.Conv2d(16, 4, 1) for _ in acts])
        self.acts = nn.ModuleList(acts.values())
        self.mix = nn.Conv2d(4 * len(acts), 8, 1)

    def forward(self, x):
        x = self.stem(x)
        y = torch.cat([a(c(x)) for c, a in zip(self.convs, self.acts)], 1)
        y = self.mix(y)
        return torch.cat([torch.softmax(y, dim=1), torch.log_softmax(y, dim=1)], 1)


class NormNet(nn.Module):
    """InstanceNorm2d (affine and not), GroupNorm (4 groups and 1 group), BatchNorm after
    ReLU (kept as BatchNormalization), LayerNorm over channels (ConvNeXt-style permute)."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(8, 16, 3, padding=1)
        self.in_affine = nn.InstanceNorm2d(16, affine=True)
        self.c2 = nn.Conv2d(16, 16, 3, padding=1)
        self.gn4 = nn.GroupNorm(4, 16)
        self.c3 = nn.Conv2d(16, 16, 3, padding=1, groups=2)
        self.gn1 = nn.GroupNorm(1, 16)
        self.bn = nn.BatchNorm2d(16)
        self.c4 = nn.Conv2d(16, 12, 1)
        self.in_plain = nn.InstanceNorm2d(12)
        self.ln = nn.LayerNorm(12)

    def forward(self, x):
        x = F.relu(self.in_affine(self.c1(x)))
        x = F.relu(self.gn4(self.c2(x)))
        x = self.bn(F.relu(self.gn1(self.c3(x))))
        x = self.in_plain(self.c4(x))
        x = self.ln(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        return x


class DataMoveNet(nn.Module):
    """Data movement on runtime tensors: chunk / split (Split), channel shuffle, a constant-index
    gather, repeat (Tile), expand, flatten, permute, reflection / replication pad, bicubic and
    nearest interpolate, strided slicing, dilated MaxPool, AdaptiveMaxPool2d(1) (a MaxPool over
    the whole H x W: torch emits GlobalMaxPool only for dynamic H, W; see DynamicFCN), amax.
    Output: [1, K] = concat of flattened pieces."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(8, 8, 1)
        self.register_buffer("idx", torch.tensor([7, 0, 3, 3, 1, 6]), persistent=False)
        self.rpad = nn.ReflectionPad2d((1, 2, 0, 3))
        self.epad = nn.ReplicationPad2d(2)
        self.dmp = nn.MaxPool2d(3, stride=2, padding=1, dilation=2)
        self.gmp = nn.AdaptiveMaxPool2d(1)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        x = self.stem(x)                                   # [1, 8, h, w]
        n, c, h, w = x.shape
        a, b = torch.chunk(x, 2, dim=1)                    # 2 x [1, 4, h, w]
        s1, s2, s3 = torch.split(x, [2, 2, 4], dim=1)
        shuf = x.view(n, 2, c // 2, h, w).transpose(1, 2).reshape(n, c, h, w)
        g = x[:, self.idx]                                 # [1, 6, h, w]
        t = s1.repeat(1, 2, 1, 3)                          # [1, 4, h, 3w]
        e = x.mean(dim=1, keepdim=True).expand(-1, 4, -1, -1)
        p = self.epad(self.rpad(a * b))                    # [1, 4, h+7, w+7]
        bic = F.interpolate(s3, scale_factor=2.0, mode="bicubic", align_corners=False)
        nea = F.interpolate(s2, size=(h * 3 // 2, w * 3 // 2), mode="nearest")
        sl = shuf[:, 1:7:2, 1:-1:3, ::2]                   # strided Slice
        mp = self.dmp(bic)
        gm = torch.flatten(self.gmp(shuf), 1)              # [1, 8]; MaxPool with kernel = H x W (static shape)
        am = torch.amax(shuf, dim=(2, 3))                  # ReduceMax
        perm = g.permute(0, 2, 3, 1)                       # NHWC
        pieces = [
            torch.flatten(perm, 1), torch.flatten(t, 1), torch.flatten(e + a, 1), torch.flatten(p, 1),
            torch.flatten(nea, 1), torch.flatten(sl, 1), torch.flatten(mp, 1), self.fc(gm),
            torch.flatten(s2 - s1, 1), am,
        ]
        return torch.cat(pieces, dim=1)


class ArgMaxHead(nn.Module):
    """Segmentation-style label map: argmax over the class channel (int64 [N, 1, H, W])."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(cbr(3, 12), cbr(12, 12, d=2))
        self.cls = nn.Conv2d(12, 5, 1)

    def forward(self, x):
        return torch.argmax(self.cls(self.body(x)), dim=1, keepdim=True)


# --------------------------------------------------------------------------------------

tvm = torchvision.models

CASES: List[Case] = [
    # ---- classification families
    Case("resnet18_w6_64x96", resnet18_w6, one((1, 3, 64, 96)),
         about="resnet18 layout ([2,2,2,2] torchvision BasicBlock, 1x1 stride-2 downsample) at widths 6/12/24/48 "
               "(channel counts not multiples of 4)"),
    Case("mobilenet_v2_w015_112x144", lambda: tvm.mobilenet_v2(width_mult=0.15, num_classes=10),
         one((1, 3, 112, 144)), about="torchvision mobilenet_v2(width_mult=0.15) (ReLU6 -> Clip), non-square input"),
    Case("mobilenet_v3_small_w035_rt_96x80",
         lambda: tvm.mobilenet_v3_small(width_mult=0.35, reduced_tail=True, num_classes=10),
         one((1, 3, 96, 80)),
         about="torchvision mobilenet_v3_small(width_mult=0.35, reduced_tail=True): SE (Hardsigmoid), Hardswish"),
    Case("efficientnet_b0_w015_d04_b2_64", efficientnet_b0_w015, one((2, 3, 64, 64)),
         about="torchvision EfficientNet, efficientnet_b0 MBConv config at width 0.15 / depth 0.4 (SiLU, SE, 5x5 dw), batch 2"),
    Case("regnet_x_tiny_64x80", regnet_x_tiny, one((1, 3, 64, 80)),
         about="torchvision RegNet X blocks, BlockParams(depth 7, w_0 16, w_a 8, w_m 2, group_width 8): grouped 3x3 convs"),
    Case("squeezenet1_1_quarter_75x91", SqueezeNet11Quarter, one((1, 3, 75, 91)),
         about="squeezenet1_1 layout with torchvision Fire modules, channels / 4; odd input so MaxPool ceil_mode matters"),
    Case("shufflenet_v2_x05_r242_c256_80x112",
         lambda: tvm.ShuffleNetV2([2, 4, 2], [24, 48, 96, 192, 256], num_classes=10), one((1, 3, 80, 112)),
         about="torchvision ShuffleNetV2 with shufflenet_v2_x0_5 channels, stage repeats 2/4/2 (x0_5: 4/8/4), "
               "conv5 256 (x0_5: 1024)"),
    Case("mnasnet0_1_64x96", lambda: tvm.MNASNet(0.1, num_classes=10), one((1, 3, 64, 96)),
         about="torchvision MNASNet(alpha=0.1) (mnasnet0_5 is 0.95M params: --large)"),
    Case("densenet_tiny_64", densenet_tiny, one((1, 3, 64, 64)),
         about="torchvision DenseNet(growth 8, blocks 2/3/4/3, bn_size 2): pre-activation BN->ReLU->Conv, AvgPool transitions"),
    Case("googlenet_tiny_67x83", TinyGoogLeNet, one((1, 3, 67, 83)),
         about="GoogLeNet layout with torchvision Inception/BasicConv2d at ~1/8 width, MaxPool ceil_mode, odd input"),
    Case("convnext_cfg8_64_op13", convnext_tiny_small, one((1, 3, 64, 64)), opset=13,
         about="torchvision ConvNeXt, CNBlockConfig 8/16/24/32 (1,1,2,1 blocks), opset 13: LayerNorm decomposed"),
    Case("convnext_cfg8_64_op17", convnext_tiny_small, one((1, 3, 64, 64)), opset=17,
         seed_key="convnext_cfg8_64_op13", about="same weights and input as _op13, opset 17: LayerNormalization"),
    # ---- segmentation
    Case("lraspp_mbv3_large_w02_64x96", lraspp_tiny, one((1, 3, 64, 96)),
         about="torchvision LRASPP head on mobilenet_v3_large(width 0.2, dilated, reduced_tail) features"),
    Case("deeplabv3_mbv3_large_w02_64x96", deeplabv3_tiny, one((1, 3, 64, 96)),
         about="torchvision DeepLabV3 + ASPP (dilations 2/3/4 + image pooling) on mobilenet_v3_large(width 0.2, dilated, reduced_tail)"),
    Case("fcn_resnet_w6_64x96", fcn_tiny, one((1, 3, 64, 96)),
         about="torchvision FCN + FCNHead on a small BasicBlock ResNet, bilinear upsample x32"),
    # ---- custom patterns
    Case("unet_convtranspose_160x224", TinyUNet, one((1, 3, 160, 224)),
         about="U-Net with ConvTranspose2d (k2s2; k3s2p1 output_padding 1 groups 4; k3s2p2 dilation 2 output_padding 1), concat skips"),
    Case("superres_pixelshuffle_120x160", SuperResolutionNet, one((1, 1, 120, 160)),
         about="the ONNX/PyTorch super-resolution example: PixelShuffle(2) -> DepthToSpace (CRD)"),
    Case("dynamic_fcn_b2_48x64", DynamicFCN, one((2, 3, 48, 64)),
         dynamic_axes={"input": {0: "batch", 2: "height", 3: "width"},
                       "output": {0: "batch", 2: "height", 3: "width"}},
         about="batch/height/width dynamic (H, W multiples of 4); GlobalMaxPool + GlobalAveragePool gate, Resize by scales, grouped conv"),
    Case("opset11_pad_clip_resize_32x48", Opset11Net, one((1, 3, 32, 48)), opset=11,
         about="opset 11: Pad reflect, Clip(min,max inputs), Resize bilinear align_corners, Split attr, Softmax axis 1"),
    Case("conv1d_b2_4x256", Conv1dNet, one((2, 4, 256)),
         about="Conv1d (dilated, grouped), BatchNorm1d (folded, after a pool, and on [N,C]), MaxPool1d, AvgPool1d, AdaptiveAvgPool1d, Linear"),
    Case("two_input_image_mask_48x64", TwoInputNet,
         OrderedDict([("image", (1, 3, 48, 64)), ("mask", (1, 1, 48, 64))]),
         input_kinds={"mask": "mask"},
         about="two inputs: image (N(0,1)) and a 0/1 float mask"),
    Case("activations_op13_24x32", ActivationNet, one((1, 8, 24, 32)), opset=13,
         about="17 activations in parallel branches + Softmax/LogSoftmax over channels, opset 13"),
    Case("activations_op17_24x32", ActivationNet, one((1, 8, 24, 32)), opset=17,
         seed_key="activations_op13_24x32", about="same weights and input, opset 17 (Hardswish -> HardSwish)"),
    Case("norms_op13_32x32", NormNet, one((1, 8, 32, 32)), opset=13,
         about="InstanceNorm2d (affine / plain), GroupNorm(4) and GroupNorm(1), BatchNorm after ReLU, LayerNorm over C, opset 13"),
    Case("norms_op17_32x32", NormNet, one((1, 8, 32, 32)), opset=17,
         seed_key="norms_op13_32x32", about="same weights and input, opset 17"),
    Case("datamove_8x12x16", DataMoveNet, one((1, 8, 12, 16)),
         about="chunk/split/channel shuffle/index gather/repeat/expand/permute/flatten/reflection+replication pad/"
               "bicubic+nearest interpolate/strided slice/dilated MaxPool/AdaptiveMaxPool2d(1)/amax"),
    Case("argmax_head_48x64", ArgMaxHead, one((1, 3, 48, 64)),
         about="ArgMax over channels (keepdims) -> int64 [1,1,48,64]; .output.bin holds the indices as float32"),
    # ---- --large only
    Case("resnet18_224", lambda: tvm.resnet18(num_classes=10), one((1, 3, 224, 224)), large=True,
         about="torchvision resnet18, full width"),
    Case("googlenet_224", lambda: tvm.googlenet(num_classes=10, aux_logits=False, init_weights=True),
         one((1, 3, 224, 224)), large=True, about="torchvision googlenet, no aux heads"),
    Case("squeezenet1_1_224", lambda: tvm.squeezenet1_1(num_classes=10), one((1, 3, 224, 224)), large=True,
         about="torchvision squeezenet1_1"),
    Case("mnasnet0_5_224", lambda: tvm.mnasnet0_5(num_classes=10), one((1, 3, 224, 224)), large=True,
         about="torchvision mnasnet0_5"),
    Case("efficientnet_b0_224", lambda: tvm.efficientnet_b0(num_classes=10), one((1, 3, 224, 224)), large=True,
         about="torchvision efficientnet_b0"),
    Case("regnet_x_400mf_224", lambda: tvm.regnet_x_400mf(num_classes=10), one((1, 3, 224, 224)), large=True,
         about="torchvision regnet_x_400mf"),
    Case("shufflenet_v2_x0_5_224", lambda: tvm.shufflenet_v2_x0_5(num_classes=10), one((1, 3, 224, 224)), large=True,
         about="torchvision shufflenet_v2_x0_5"),
    Case("mobilenet_v3_small_224", lambda: tvm.mobilenet_v3_small(num_classes=10), one((1, 3, 224, 224)), large=True,
         about="torchvision mobilenet_v3_small"),
    Case("densenet121_224", lambda: tvm.densenet121(num_classes=10), one((1, 3, 224, 224)), large=True,
         about="torchvision densenet121"),
    Case("lraspp_mobilenet_v3_large_256", lraspp_full, one((1, 3, 256, 256)), large=True,
         about="torchvision lraspp_mobilenet_v3_large(num_classes=3)"),
    Case("deeplabv3_mobilenet_v3_large_256", deeplabv3_full, one((1, 3, 256, 256)), large=True,
         about="torchvision deeplabv3_mobilenet_v3_large(num_classes=3)"),
]
